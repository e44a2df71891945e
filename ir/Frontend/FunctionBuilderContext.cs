using Stencil.Ir.Entities;

namespace Stencil.Ir.Frontend;

/// <summary>
/// Scratch state of <see cref="FunctionBuilder"/>, kept apart from the builder so one context serves
/// many functions in turn without reallocating its tables. <see cref="FunctionBuilder.Finalize"/> clears it.
/// </summary>
public sealed class FunctionBuilderContext
{
    internal List<IrType> VariableTypes { get; } = [];
    internal Dictionary<(uint Var, uint Block), Value> Definitions { get; } = [];
    internal Dictionary<Block, BlockState> Blocks { get; } = [];
    /// <summary>Blocks in creation order, so checks and errors are deterministic.</summary>
    internal List<Block> CreatedBlocks { get; } = [];
    /// <summary>The single-predecessor chain a variable lookup walks, reused by every lookup.</summary>
    internal List<Block> LookupChain { get; } = [];
    /// <summary>The blocks a <c>br_table</c> being built has already named.</summary>
    internal HashSet<Block> SeenBlocks { get; } = [];
    /// <summary>Block states of functions finished earlier, reset and ready for new blocks.</summary>
    private readonly Stack<BlockState> _freeStates = new();

    /// <summary>True when no function is being built with this context.</summary>
    public bool IsEmpty => VariableTypes.Count == 0 && Blocks.Count == 0;

    internal BlockState NewBlockState() => _freeStates.TryPop(out var s) ? s : new BlockState();

    /// <summary>Forgets any function under construction, e.g. after a build abandoned by an exception.</summary>
    public void Clear()
    {
        VariableTypes.Clear();
        Definitions.Clear();
        foreach (var s in Blocks.Values)
        {
            s.Reset();
            _freeStates.Push(s);
        }
        Blocks.Clear();
        CreatedBlocks.Clear();
        LookupChain.Clear();
    }
}
