using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>A position in a function's layout where new instructions are inserted.</summary>
public sealed class FuncCursor(Function func)
{
    public Function Func { get; } = func;
    public Block? CurrentBlock { get; private set; }
    private int _index;

    /// <summary>Positions the cursor after the last instruction of <paramref name="block"/>, inserting the block into the layout if needed.</summary>
    public FuncCursor AtBottom(Block block)
    {
        if (!Func.Layout.IsBlockInserted(block)) Func.Layout.AppendBlock(block);
        CurrentBlock = block;
        _index = Func.Layout.BlockInsts(block).Count;
        return this;
    }

    /// <summary>Creates a new block, appends it to the layout and moves the cursor into it.</summary>
    public Block InsertBlock()
    {
        var b = Func.Dfg.MakeBlock();
        AtBottom(b);
        return b;
    }

    public InstBuilder Ins() => new(this);

    /// <summary>Inserts an instruction at the cursor and creates its results by the opcode's rule.</summary>
    public Inst Insert(InstructionData data)
    {
        if (CurrentBlock is not { } block) throw new InvalidOperationException("the cursor is not in a block");
        var inst = Func.Dfg.MakeInst(data);
        Func.Layout.InsertInst(inst, block, _index++);
        if (!Func.Dfg.TryMakeInstResults(inst))
            throw new InvalidOperationException($"cannot derive the result types of `{data.Opcode.Name()}` from its operands");
        return inst;
    }
}
