using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>
/// Instructions, values and blocks of one function, independent of their order (that is the
/// <see cref="Layout"/>). Entities are dense indices into lists owned here.
/// </summary>
public sealed class DataFlowGraph
{
    private struct ValueData { public IrType Type; public ValueDef Def; }

    private readonly List<InstructionData> _insts = [];
    private readonly List<List<Value>> _results = [];
    private readonly List<ValueData> _values = [];
    private readonly List<List<Value>> _blockParams = [];

    public List<Signature> Signatures { get; } = [];
    public List<ExtFuncData> ExtFuncs { get; } = [];
    public List<JumpTableData> JumpTables { get; } = [];
    /// <summary>The exception tables of <c>try_call</c>/<c>try_call_indirect</c> instructions.</summary>
    public List<ExceptionTableData> ExceptionTables { get; } = [];
    /// <summary>Constant pool data (vconst, f128const, shuffle masks), little-endian bytes.</summary>
    public List<byte[]> Constants { get; } = [];

    public int NumInsts => _insts.Count;
    public int NumValues => _values.Count;
    public int NumBlocks => _blockParams.Count;

    public InstructionData this[Inst inst] => _insts[(int)inst.Index];

    public bool IsValidValue(Value v) => v.Index < (uint)_values.Count;
    public bool IsValidInst(Inst i) => i.Index < (uint)_insts.Count;
    public bool IsValidBlock(Block b) => b.Index < (uint)_blockParams.Count;

    public Inst MakeInst(InstructionData data)
    {
        _insts.Add(data);
        _results.Add([]);
        return new Inst((uint)(_insts.Count - 1));
    }

    public Block MakeBlock()
    {
        _blockParams.Add([]);
        return new Block((uint)(_blockParams.Count - 1));
    }

    /// <summary>A value with no definition yet, to be attached with <see cref="AttachResult"/>,
    /// <see cref="AttachBlockParam"/> or <see cref="SetAlias"/> (forward references in text).</summary>
    public Value MakeDetachedValue()
    {
        _values.Add(new ValueData { Type = IrType.Invalid, Def = new ValueDef(ValueDefKind.Detached, 0, 0) });
        return new Value((uint)(_values.Count - 1));
    }

    public Value AppendResult(Inst inst, IrType type)
    {
        var v = MakeDetachedValue();
        AttachResult(inst, v, type);
        return v;
    }

    public void AttachResult(Inst inst, Value v, IrType type)
    {
        var results = _results[(int)inst.Index];
        _values[(int)v.Index] = new ValueData { Type = type, Def = new ValueDef(ValueDefKind.Result, inst.Index, results.Count) };
        results.Add(v);
    }

    public Value AppendBlockParam(Block block, IrType type)
    {
        var v = MakeDetachedValue();
        AttachBlockParam(block, v, type);
        return v;
    }

    public void AttachBlockParam(Block block, Value v, IrType type)
    {
        var ps = _blockParams[(int)block.Index];
        _values[(int)v.Index] = new ValueData { Type = type, Def = new ValueDef(ValueDefKind.Param, block.Index, ps.Count) };
        ps.Add(v);
    }

    /// <summary>Removes parameter <paramref name="index"/> of <paramref name="block"/>; the later parameters move down
    /// one place. The removed value is left detached. Callers remove the matching argument from every branch.</summary>
    public void RemoveBlockParam(Block block, int index)
    {
        var ps = _blockParams[(int)block.Index];
        var removed = ps[index];
        ps.RemoveAt(index);
        _values[(int)removed.Index] = new ValueData { Type = IrType.Invalid, Def = new ValueDef(ValueDefKind.Detached, 0, 0) };
        for (int i = index; i < ps.Count; i++)
        {
            var data = _values[(int)ps[i].Index];
            _values[(int)ps[i].Index] = data with { Def = new ValueDef(ValueDefKind.Param, block.Index, i) };
        }
    }

    /// <summary>Makes <paramref name="alias"/> stand for <paramref name="target"/>; the type follows the target.</summary>
    public void SetAlias(Value alias, Value target)
    {
        if (!IsValidValue(target)) throw new ArgumentOutOfRangeException(nameof(target), $"{target} does not exist");
        _values[(int)alias.Index] = new ValueData { Type = IrType.Invalid, Def = new ValueDef(ValueDefKind.Alias, target.Index, 0) };
    }

    public ValueDef ValueDef(Value v) => _values[(int)v.Index].Def;

    /// <summary>Follows alias chains; a cycle (only possible in malformed input) stops at the repeated value.</summary>
    public Value ResolveAliases(Value v)
    {
        for (int guard = 0; guard <= _values.Count && IsValidValue(v); guard++)
        {
            var def = _values[(int)v.Index].Def;
            if (def.Kind != ValueDefKind.Alias) return v;
            v = new Value(def.Owner);
        }
        return v;
    }

    public IrType ValueType(Value v)
    {
        var r = ResolveAliases(v);
        return IsValidValue(r) ? _values[(int)r.Index].Type : IrType.Invalid;
    }

    public IReadOnlyList<Value> InstResults(Inst inst) => _results[(int)inst.Index];
    public Value FirstResult(Inst inst) => _results[(int)inst.Index] is { Count: > 0 } r ? r[0] : throw new InvalidOperationException($"{inst} has no results");
    public bool HasResults(Inst inst) => _results[(int)inst.Index].Count > 0;
    public IReadOnlyList<Value> BlockParams(Block block) => _blockParams[(int)block.Index];

    /// <summary>The controlling type of an instruction: explicit, or the type of its controlling operand.</summary>
    public IrType ControllingType(Inst inst)
    {
        var d = this[inst];
        if (!d.ControllingType.IsInvalid) return d.ControllingType;
        var info = d.Opcode.Info();
        if (info.CtrlArg >= 0 && info.CtrlArg < d.Args.Length && IsValidValue(d.Args[info.CtrlArg])) return ValueType(d.Args[info.CtrlArg]);
        return IrType.Invalid;
    }

    /// <summary>The signature a call instruction uses; null for non-calls.</summary>
    public Signature? CallSignature(Inst inst)
    {
        var d = this[inst];
        return d.Format switch
        {
            InstructionFormat.Call when d.FuncRef.Index < ExtFuncs.Count && ExtFuncs[(int)d.FuncRef.Index].Signature.Index < Signatures.Count
                => Signatures[(int)ExtFuncs[(int)d.FuncRef.Index].Signature.Index],
            InstructionFormat.CallIndirect when d.SigRef.Index < Signatures.Count => Signatures[(int)d.SigRef.Index],
            InstructionFormat.TryCall or InstructionFormat.TryCallIndirect when ExceptionTableOf(inst) is { } et && et.Signature.Index < Signatures.Count
                => Signatures[(int)et.Signature.Index],
            _ => null,
        };
    }

    /// <summary>The result types an instruction has by its opcode's rule; null when they cannot be
    /// derived (the controlling type is missing or has no such derived type).</summary>
    public IReadOnlyList<IrType>? ExpectedResultTypes(Inst inst)
    {
        var info = this[inst].Opcode.Info();
        var ctrl = ControllingType(inst);
        IrType One(IrType t) => t;
        switch (info.Results)
        {
            case ResultRule.Empty: return [];
            case ResultRule.Fixed: return [info.FixedType];
            case ResultRule.I8: return [IrType.I8];
            case ResultRule.Call:
                var sig = CallSignature(inst);
                return sig is null ? null : sig.Returns.Select(p => p.Type).ToArray();
        }
        if (ctrl.IsInvalid) return null;
        IrType[] r = info.Results switch
        {
            ResultRule.Ctrl => [ctrl],
            ResultRule.Bool => [ctrl.IsVector ? ctrl.AsInt() : IrType.I8],
            ResultRule.CtrlAndI8 => [ctrl, IrType.I8],
            ResultRule.Split => [ctrl.HalfWidth(), ctrl.HalfWidth()],
            ResultRule.Concat => [ctrl.DoubleWidth()],
            ResultRule.Lane => [One(ctrl.LaneType)],
            ResultRule.Widen => [ctrl.WidenLanes()],
            ResultRule.Narrow => [ctrl.NarrowLanes()],
            _ => [],
        };
        return r.Any(t => t.IsInvalid) ? null : r;
    }

    /// <summary>Creates the results an instruction has by its opcode's rule; returns false (creating
    /// nothing) when they cannot be derived, which the verifier then reports.</summary>
    public bool TryMakeInstResults(Inst inst)
    {
        var types = ExpectedResultTypes(inst);
        if (types is null) return false;
        foreach (var t in types) AppendResult(inst, t);
        return true;
    }

    /// <summary>All value operands of an instruction including branch-destination arguments, in a fixed order.</summary>
    public IEnumerable<Value> InstValuesWithDestinations(Inst inst)
    {
        var d = this[inst];
        foreach (var a in d.Args) yield return a;
        foreach (var dest in d.Destinations) foreach (var a in dest.Args) yield return a;
        if (d.Format == InstructionFormat.BranchTable && d.JumpTable.Index < JumpTables.Count)
        {
            var jt = JumpTables[(int)d.JumpTable.Index];
            foreach (var a in jt.Default.Args) yield return a;
            foreach (var bc in jt.Table) foreach (var a in bc.Args) yield return a;
        }
        if (ExceptionTableOf(inst) is { } et)
            foreach (var dest in et.AllDestinations())
                foreach (var a in dest.Args)
                    if (a.IsValue) yield return a.AsValue;
    }

    /// <summary>The exception table of a <c>try_call</c>/<c>try_call_indirect</c>; null for other instructions or a dangling reference.</summary>
    public ExceptionTableData? ExceptionTableOf(Inst inst)
    {
        var d = this[inst];
        return d.Format is InstructionFormat.TryCall or InstructionFormat.TryCallIndirect && d.ExceptionTable.Index < (uint)ExceptionTables.Count
            ? ExceptionTables[(int)d.ExceptionTable.Index]
            : null;
    }

    /// <summary>The blocks a terminator may transfer control to, in a fixed order (duplicates kept). A
    /// <c>try_call</c>'s destinations come with no arguments, because theirs may be <c>retN</c>/<c>exnN</c>
    /// placeholders rather than values: read them from <see cref="ExceptionTableOf"/>.</summary>
    public IEnumerable<BlockCall> BranchDestinations(Inst inst)
    {
        var d = this[inst];
        foreach (var dest in d.Destinations) yield return dest;
        if (d.Format == InstructionFormat.BranchTable && d.JumpTable.Index < JumpTables.Count)
        {
            var jt = JumpTables[(int)d.JumpTable.Index];
            yield return jt.Default;
            foreach (var bc in jt.Table) yield return bc;
        }
        if (ExceptionTableOf(inst) is { } et)
            foreach (var dest in et.AllDestinations()) yield return new BlockCall(dest.Block, []);
    }
}
