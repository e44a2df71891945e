using Stencil.Ir.Entities;

namespace Stencil.Ir.Frontend;

/// <summary>
/// Builds a function's body in SSA form from code written with mutable <see cref="Variable"/>s, in the
/// manner of Cranelift's frontend: blocks are created, switched to, filled and sealed (sealed = all
/// predecessors known), and <see cref="UseVar"/> inserts block parameters only where definitions meet.
/// Branches must be built with <see cref="Jump"/>, <see cref="Brif"/> or <see cref="BrTable"/> so the
/// builder learns each block's predecessors.
/// </summary>
public sealed partial class FunctionBuilder
{
    private readonly FunctionBuilderContext _ctx;
    private readonly FuncCursor _cursor;
    private Block? _current;
    private FuncRef? _memcmp;

    public FunctionBuilder(Function func, FunctionBuilderContext ctx)
    {
        ArgumentNullException.ThrowIfNull(func);
        ArgumentNullException.ThrowIfNull(ctx);
        if (!ctx.IsEmpty) throw new InvalidOperationException("the FunctionBuilderContext is still in use by another function; finalize that one first");
        Func = func;
        _ctx = ctx;
        _cursor = new FuncCursor(func);
    }

    public Function Func { get; }

    /// <summary>The block instructions go to, or null before the first <see cref="SwitchToBlock"/>.</summary>
    public Block? CurrentBlock => _current;

    public Block CreateBlock()
    {
        var b = Func.Dfg.MakeBlock();
        _ctx.Blocks.Add(b, _ctx.NewBlockState());
        _ctx.CreatedBlocks.Add(b);
        return b;
    }

    /// <summary>Makes <paramref name="block"/> the insertion point. The block being left must be filled
    /// (end in a terminator) or still pristine, as a half-built block would otherwise fall through silently.</summary>
    public void SwitchToBlock(Block block)
    {
        var state = State(block);
        if (_current is { } cur && cur != block && !IsFilled(cur) && !IsPristine(cur))
            throw new InvalidOperationException($"{cur} must end in a terminator before switching to {block}");
        if (IsFilled(block))
            throw new InvalidOperationException($"{block} already ends in a terminator; nothing more can be added to it");
        _current = block;
        _cursor.AtBottom(block);
    }

    /// <summary>Declares that every predecessor of <paramref name="block"/> is known, which lets pending
    /// variable reads in it be resolved. Sealing twice is harmless.</summary>
    public void SealBlock(Block block)
    {
        var state = State(block);
        if (state.Sealed) return;
        // Sealed first: lookups made while resolving see the final predecessor list instead of adding placeholders.
        state.Sealed = true;
        // Resolving only adds placeholders to unsealed blocks, so this block's list stays as it is meanwhile.
        var pending = state.IncompletePhis;
        for (int i = 0; i < pending.Count; i++) ResolvePlaceholder(pending[i].Var, block, pending[i].Placeholder);
        pending.Clear();
        RepositionCursor();
    }

    /// <summary>Seals every block created so far, in creation order.</summary>
    public void SealAllBlocks()
    {
        // By index: sealing creates no blocks, but a list must not be enumerated while anything may add to it.
        var created = _ctx.CreatedBlocks;
        for (int i = 0; i < created.Count; i++) SealBlock(created[i]);
    }

    public Variable DeclareVar(IrType type)
    {
        var v = new Variable((uint)_ctx.VariableTypes.Count);
        DeclareVar(v, type);
        return v;
    }

    /// <summary>Declares a variable by a caller-chosen index; indices skipped over stay undeclared.</summary>
    public void DeclareVar(Variable variable, IrType type)
    {
        if (type.IsInvalid) throw new ArgumentException($"{variable} needs a valid type", nameof(type));
        while (_ctx.VariableTypes.Count <= (int)variable.Index) _ctx.VariableTypes.Add(IrType.Invalid);
        if (!_ctx.VariableTypes[(int)variable.Index].IsInvalid) throw new InvalidOperationException($"{variable} is already declared");
        _ctx.VariableTypes[(int)variable.Index] = type;
    }

    public IrType VarType(Variable variable) =>
        variable.Index < (uint)_ctx.VariableTypes.Count && _ctx.VariableTypes[(int)variable.Index] is var t && !t.IsInvalid
            ? t
            : throw new InvalidOperationException($"{variable} is not declared");

    /// <summary>Assigns <paramref name="value"/> to the variable at the current position.</summary>
    public void DefVar(Variable variable, Value value)
    {
        var type = VarType(variable);
        var block = RequireCurrent();
        var actual = Func.Dfg.ValueType(value);
        if (actual != type) throw new InvalidOperationException($"{variable} has type {type} but {value} has type {actual}");
        _ctx.Definitions[(variable.Index, block.Index)] = Func.Dfg.ResolveAliases(value);
    }

    /// <summary>The value the variable holds at the current position; a variable never defined on some
    /// path reads as zero there, as in Cranelift.</summary>
    public Value UseVar(Variable variable)
    {
        VarType(variable);
        var block = RequireCurrent();
        var v = Lookup(variable, block);
        RepositionCursor();
        return Func.Dfg.ResolveAliases(v);
    }

    /// <summary>Gives <paramref name="block"/> one parameter per function parameter, in order.</summary>
    public void AppendBlockParamsForFunctionParams(Block block)
    {
        var state = State(block);
        if (Func.Dfg.BlockParams(block).Count != 0) throw new InvalidOperationException($"{block} already has parameters");
        foreach (var p in Func.Signature.Params) Func.Dfg.AppendBlockParam(block, p.Type);
        state.Touched = true;
    }

    public Value AppendBlockParam(Block block, IrType type)
    {
        var state = State(block);
        state.Touched = true;
        return Func.Dfg.AppendBlockParam(block, type);
    }

    public IReadOnlyList<Value> BlockParams(Block block) => Func.Dfg.BlockParams(block);

    /// <summary>An instruction builder at the end of the current block. Build branches with the
    /// builder's own <see cref="Jump"/>/<see cref="Brif"/>/<see cref="BrTable"/>: branches built here
    /// are not seen as predecessors, which <see cref="Finalize"/> reports.</summary>
    public InstBuilder Ins()
    {
        var block = RequireCurrent();
        if (IsFilled(block)) throw new InvalidOperationException($"{block} already ends in a terminator");
        State(block).Touched = true;
        return _cursor.Ins();
    }

    public Inst Jump(Block dest, params Value[] args)
    {
        var inst = Ins().Jump(dest, args);
        AddPredecessor(dest, inst);
        return inst;
    }

    public Inst Brif(Value cond, Block thenBlock, Value[] thenArgs, Block elseBlock, Value[] elseArgs)
    {
        var inst = Ins().Brif(cond, thenBlock, thenArgs, elseBlock, elseArgs);
        AddPredecessor(thenBlock, inst);
        if (elseBlock != thenBlock) AddPredecessor(elseBlock, inst);
        return inst;
    }

    /// <summary>Builds <c>br_table</c> over a new jump table: <paramref name="table"/>[index] or <paramref name="defaultCall"/>.</summary>
    public Inst BrTable(Value index, BlockCall defaultCall, IReadOnlyList<BlockCall> table)
    {
        var copy = new BlockCall[table.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = new BlockCall(table[i].Block, CopyOf(table[i].Args));
        var jt = Func.CreateJumpTable(new JumpTableData(new BlockCall(defaultCall.Block, CopyOf(defaultCall.Args)), copy));
        var inst = Ins().BrTable(index, jt);
        // Each destination block once, in the order BranchDestinations gives (default first, then the table).
        var seen = _ctx.SeenBlocks;
        seen.Clear();
        if (seen.Add(defaultCall.Block)) AddPredecessor(defaultCall.Block, inst);
        foreach (var c in copy)
            if (seen.Add(c.Block)) AddPredecessor(c.Block, inst);
        return inst;
    }

    private static Value[] CopyOf(Value[] args) => args.Length == 0 ? [] : (Value[])args.Clone();

    public Inst Return(params Value[] values) => Ins().Return(values);

    public Inst Trap(TrapCode code) => Ins().Trap(code);

    public SigRef ImportSignature(Signature signature) => Func.ImportSignature(signature);

    public FuncRef ImportFunction(ExtFuncData data) => Func.ImportFunction(data);

    public StackSlot CreateSizedStackSlot(StackSlotData data) => Func.CreateSizedStackSlot(data);

    public JumpTable CreateJumpTable(JumpTableData data) => Func.CreateJumpTable(data);

    /// <summary>True when the current block cannot be reached: it is sealed, has no predecessors and is not the entry.</summary>
    public bool IsUnreachable()
    {
        var block = RequireCurrent();
        var state = State(block);
        return state.Sealed && state.Predecessors.Count == 0 && Func.Layout.EntryBlock != block;
    }

    /// <summary>True when nothing has been added to the current block (no instructions, no parameters).</summary>
    public bool IsPristine() => IsPristine(RequireCurrent());

    public bool IsFilled() => IsFilled(RequireCurrent());

    /// <summary>Checks the function is complete, replaces uses of aliases by the values they stand for and
    /// releases the context. Throws <see cref="InvalidOperationException"/> naming the first offending block.</summary>
#pragma warning disable CS0465 // the name follows Cranelift's FunctionBuilder::finalize; this class has no destructor
    public void Finalize()
#pragma warning restore CS0465
    {
        foreach (var b in _ctx.CreatedBlocks)
        {
            var state = _ctx.Blocks[b];
            if (!state.Sealed) throw new InvalidOperationException($"{b} is not sealed; call SealBlock once all its predecessors are known");
            bool used = Func.Layout.IsBlockInserted(b) || state.Predecessors.Count > 0;
            if (used && !IsFilled(b)) throw new InvalidOperationException($"{b} is not filled; it must end in a terminator (jump, brif, br_table, return or trap)");
        }
        CheckBranchesRecorded();
        ResolveAliasUses();
        _ctx.Clear();
        _current = null;
    }

    private void CheckBranchesRecorded()
    {
        foreach (var b in Func.Layout.Blocks)
        {
            if (Func.Layout.LastInst(b) is not { } last || !Func.Dfg[last].Opcode.Info().IsBranch) continue;
            foreach (var dest in Func.Dfg.BranchDestinations(last))
                if (!_ctx.Blocks.TryGetValue(dest.Block, out var s) || !s.Predecessors.Contains((b, last)))
                    throw new InvalidOperationException($"the branch ending {b} to {dest.Block} was not built through FunctionBuilder.Jump/Brif/BrTable, so SSA construction missed it");
        }
    }

    /// <summary>Trivial block parameters become aliases during construction; rewriting their uses leaves
    /// operands naming real definitions only, whatever later passes do with aliases.</summary>
    private void ResolveAliasUses()
    {
        // In place: the arrays belong to this function's instructions, and an array two of them share (a front end
        // may pass one to several branches) resolves the same for both. Copying every operand array of the
        // function here was a tenth of what translating a function allocated.
        var dfg = Func.Dfg;
        foreach (var b in Func.Layout.BlockSpan)
            foreach (var inst in Func.Layout.InstSpan(b))
            {
                var d = dfg[inst];
                ResolveInPlace(dfg, d.Args);
                foreach (var c in d.Destinations) ResolveInPlace(dfg, c.Args);
            }
        foreach (var jt in dfg.JumpTables)
        {
            ResolveInPlace(dfg, jt.Default.Args);
            foreach (var c in jt.Table) ResolveInPlace(dfg, c.Args);
        }
    }

    private static void ResolveInPlace(DataFlowGraph dfg, Value[] values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = dfg.ResolveAliases(values[i]);
    }

    private BlockState State(Block block) =>
        _ctx.Blocks.TryGetValue(block, out var s) ? s : throw new InvalidOperationException($"{block} was not created by this FunctionBuilder");

    private Block RequireCurrent() => _current ?? throw new InvalidOperationException("no current block; call SwitchToBlock first");

    private bool IsPristine(Block block) => !State(block).Touched && Func.Layout.BlockInsts(block).Count == 0 && Func.Dfg.BlockParams(block).Count == 0;

    private bool IsFilled(Block block) => Func.Layout.LastInst(block) is { } last && Func.Dfg[last].Opcode.Info().IsTerminator;

    private void AddPredecessor(Block dest, Inst branch)
    {
        var state = State(dest);
        if (state.Sealed) throw new InvalidOperationException($"cannot branch to {dest}: it is already sealed, so all its predecessors were declared known");
        state.Predecessors.Add((RequireCurrent(), branch));
    }

    /// <summary>Lookups may insert a zero constant at the top of a block, which shifts the cursor's slot.</summary>
    private void RepositionCursor()
    {
        if (_current is { } cur) _cursor.AtBottom(cur);
    }
}
