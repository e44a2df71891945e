using Stencil.Ir.Entities;

namespace Stencil.Ir.Frontend;

/// <summary>What the SSA construction knows about one block while a function is being built. Pooled by
/// <see cref="FunctionBuilderContext"/>, so its lists keep their capacity from one function to the next.</summary>
internal sealed class BlockState
{
    /// <summary>Each branch instruction reaching the block, once even when it names the block in several destinations.</summary>
    public List<(Block Block, Inst Branch)> Predecessors { get; } = [];
    /// <summary>Placeholders for variables read before the block was sealed, resolved in this order when it is.</summary>
    public List<(Variable Var, Value Placeholder)> IncompletePhis { get; } = [];
    public bool Sealed { get; set; }
    /// <summary>Set once the user appends parameters or the builder inserts anything, so pristine means untouched.</summary>
    public bool Touched { get; set; }

    /// <summary>Back to the state of a new block, for reuse.</summary>
    public void Reset()
    {
        Predecessors.Clear();
        IncompletePhis.Clear();
        Sealed = false;
        Touched = false;
    }
}
