using System.Runtime.InteropServices;
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
    // A struct per instruction rather than a list: a reader makes tens of thousands of instructions per
    // build, and most have a single result.
    private readonly List<ResultList> _results = [];
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

    /// <summary>Makes room for about this many instructions, values and blocks, so that a reader that
    /// can estimate a function's size builds it without regrowing every table.</summary>
    internal void Reserve(int insts, int values, int blocks)
    {
        _insts.EnsureCapacity(insts);
        _results.EnsureCapacity(insts);
        _values.EnsureCapacity(values);
        _blockParams.EnsureCapacity(blocks);
    }

    public bool IsValidValue(Value v) => v.Index < (uint)_values.Count;
    public bool IsValidInst(Inst i) => i.Index < (uint)_insts.Count;
    public bool IsValidBlock(Block b) => b.Index < (uint)_blockParams.Count;

    public Inst MakeInst(InstructionData data)
    {
        _insts.Add(data);
        _results.Add(default);
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
        ref var results = ref ResultsOf(inst);
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
        // Every operand of every instruction comes through here when verifying and hashing, so the
        // table is read in place rather than copied out entry by entry.
        var values = CollectionsMarshal.AsSpan(_values);
        for (int guard = 0; guard <= values.Length && v.Index < (uint)values.Length; guard++)
        {
            ref readonly var def = ref values[(int)v.Index].Def;
            if (def.Kind != ValueDefKind.Alias) return v;
            v = new Value(def.Owner);
        }
        return v;
    }

    /// <summary>The definition of what <paramref name="v"/> resolves to, aliases followed; false for a value
    /// this graph does not have. One lookup where walks over every operand would otherwise make three.</summary>
    internal bool TryGetResolvedDef(Value v, out ValueDef def)
    {
        var values = CollectionsMarshal.AsSpan(_values);
        def = default;
        if (v.Index >= (uint)values.Length) return false;
        def = values[(int)ResolveAliases(v).Index].Def;
        return true;
    }

    public IrType ValueType(Value v)
    {
        var r = ResolveAliases(v);
        var values = CollectionsMarshal.AsSpan(_values);
        return r.Index < (uint)values.Length ? values[(int)r.Index].Type : IrType.Invalid;
    }

    public IReadOnlyList<Value> InstResults(Inst inst) => ResultsOf(inst).AsList();

    /// <summary>The results of an instruction as a span, without the array <see cref="InstResults"/> makes for a single
    /// result; it shows the results as they were when asked for.</summary>
    public ReadOnlySpan<Value> InstResultSpan(Inst inst) => ResultList.Span(ref ResultsOf(inst));

    /// <summary>How many results an instruction has.</summary>
    public int InstResultCount(Inst inst) => ResultsOf(inst).Count;
    public Value FirstResult(Inst inst) => _results[(int)inst.Index] is { Count: > 0 } r ? r.First : throw new InvalidOperationException($"{inst} has no results");
    public bool HasResults(Inst inst) => _results[(int)inst.Index].Count > 0;

    /// <summary>The results of an instruction as a span, for walks that visit every instruction.</summary>
    internal ReadOnlySpan<Value> ResultSpan(Inst inst) => ResultList.Span(ref ResultsOf(inst));

    private ref ResultList ResultsOf(Inst inst)
    {
        if (inst.Index >= (uint)_results.Count) throw new ArgumentOutOfRangeException(nameof(inst), $"{inst} does not exist");
        return ref CollectionsMarshal.AsSpan(_results)[(int)inst.Index];
    }
    public IReadOnlyList<Value> BlockParams(Block block) => _blockParams[(int)block.Index];

    /// <summary>The controlling type of an instruction: explicit, or the type of its controlling operand.</summary>
    public IrType ControllingType(Inst inst) => ControllingType(this[inst]);

    internal IrType ControllingType(InstructionData d)
    {
        if (!d.ControllingType.IsInvalid) return d.ControllingType;
        var info = d.Opcode.Info();
        if (info.CtrlArg >= 0 && info.CtrlArg < d.Args.Length && IsValidValue(d.Args[info.CtrlArg])) return ValueType(d.Args[info.CtrlArg]);
        return IrType.Invalid;
    }

    /// <summary>The signature a call instruction uses; null for non-calls.</summary>
    public Signature? CallSignature(Inst inst) => CallSignature(this[inst]);

    private Signature? CallSignature(InstructionData d)
    {
        return d.Format switch
        {
            InstructionFormat.Call when d.FuncRef.Index < ExtFuncs.Count && ExtFuncs[(int)d.FuncRef.Index].Signature.Index < Signatures.Count
                => Signatures[(int)ExtFuncs[(int)d.FuncRef.Index].Signature.Index],
            InstructionFormat.CallIndirect when d.SigRef.Index < Signatures.Count => Signatures[(int)d.SigRef.Index],
            InstructionFormat.TryCall or InstructionFormat.TryCallIndirect when ExceptionTableOf(d) is { } et && et.Signature.Index < Signatures.Count
                => Signatures[(int)et.Signature.Index],
            _ => null,
        };
    }

    /// <summary>The result types an instruction has by its opcode's rule; null when they cannot be
    /// derived (the controlling type is missing or has no such derived type).</summary>
    public IReadOnlyList<IrType>? ExpectedResultTypes(Inst inst)
    {
        if (!TryGetResultTypes(inst, out var types)) return null;
        // Back ends check every instruction's shape with this: no results and one result, nearly all of them, come
        // from shared arrays (the list is read-only to callers) instead of a new one per instruction.
        if (types.Count == 0) return [];
        if (types.Count == 1) return SingleTypes[types[0].Code] ??= [types[0]];
        var r = new IrType[types.Count];
        for (int i = 0; i < r.Length; i++) r[i] = types[i];
        return r;
    }

    // One per type code, made on first use; two threads making the same one at once both make an equal array.
    private static readonly IrType[]?[] SingleTypes = new IrType[]?[256];

    /// <summary><see cref="ExpectedResultTypes"/> without allocating, for the reader and the verifier.</summary>
    internal bool TryGetResultTypes(Inst inst, out ResultTypes types) => TryGetResultTypes(this[inst], out types);

    /// <summary><see cref="TryGetResultTypes(Inst, out ResultTypes)"/> of an instruction's data, which need
    /// not be in this graph yet (only its operands must be).</summary>
    internal bool TryGetResultTypes(InstructionData d, out ResultTypes types)
    {
        var info = d.Opcode.Info();
        var ctrl = ControllingType(d);
        switch (info.Results)
        {
            case ResultRule.Empty: types = ResultTypes.None; return true;
            case ResultRule.Fixed: types = new ResultTypes(info.FixedType); return true;
            case ResultRule.I8: types = new ResultTypes(IrType.I8); return true;
            case ResultRule.Call:
                var sig = CallSignature(d);
                types = sig is null ? default : new ResultTypes(sig.Returns);
                return sig is not null;
        }
        types = default;
        if (ctrl.IsInvalid) return false;
        types = info.Results switch
        {
            ResultRule.Ctrl => new ResultTypes(ctrl),
            ResultRule.Bool => new ResultTypes(ctrl.IsVector ? ctrl.AsInt() : IrType.I8),
            ResultRule.CtrlAndI8 => new ResultTypes(ctrl, IrType.I8),
            ResultRule.Split => new ResultTypes(ctrl.HalfWidth(), ctrl.HalfWidth()),
            ResultRule.Concat => new ResultTypes(ctrl.DoubleWidth()),
            ResultRule.Lane => new ResultTypes(ctrl.LaneType),
            ResultRule.Widen => new ResultTypes(ctrl.WidenLanes()),
            ResultRule.Narrow => new ResultTypes(ctrl.NarrowLanes()),
            _ => ResultTypes.None,
        };
        for (int i = 0; i < types.Count; i++)
            if (types[i].IsInvalid) { types = default; return false; }
        return true;
    }

    /// <summary>Creates the results an instruction has by its opcode's rule; returns false (creating
    /// nothing) when they cannot be derived, which the verifier then reports.</summary>
    public bool TryMakeInstResults(Inst inst)
    {
        if (!TryGetResultTypes(inst, out var types)) return false;
        for (int i = 0; i < types.Count; i++) AppendResult(inst, types[i]);
        return true;
    }

    /// <summary>All value operands of an instruction including branch-destination arguments, in a fixed order.</summary>
    public IEnumerable<Value> InstValuesWithDestinations(Inst inst)
    {
        var values = new List<Value>();
        CollectOperands(this[inst], values);
        return values;
    }

    /// <summary>Appends the values of <see cref="InstValuesWithDestinations"/> to <paramref name="into"/>, for walks
    /// over every instruction; tolerates the missing arrays and dangling tables of malformed functions.</summary>
    internal void CollectOperands(InstructionData d, List<Value> into)
    {
        into.AddRange(d.Args.AsSpan());
        foreach (var dest in d.Destinations ?? []) into.AddRange(dest.Args.AsSpan());
        if (d.Format == InstructionFormat.BranchTable && d.JumpTable.Index < (uint)JumpTables.Count)
        {
            var jt = JumpTables[(int)d.JumpTable.Index];
            into.AddRange(jt.Default.Args.AsSpan());
            foreach (var bc in jt.Table ?? []) into.AddRange(bc.Args.AsSpan());
        }
        if (d.Format is InstructionFormat.TryCall or InstructionFormat.TryCallIndirect && d.ExceptionTable.Index < (uint)ExceptionTables.Count)
        {
            var et = ExceptionTables[(int)d.ExceptionTable.Index];
            AddValues(et.NormalReturn.Args, into);
            foreach (var e in et.Entries ?? []) AddValues(e.Target.Args, into);
        }
    }

    private static void AddValues(BlockArg[]? args, List<Value> into)
    {
        foreach (var a in args ?? [])
            if (a.IsValue) into.Add(a.AsValue);
    }

    /// <summary>The exception table of a <c>try_call</c>/<c>try_call_indirect</c>; null for other instructions or a dangling reference.</summary>
    public ExceptionTableData? ExceptionTableOf(Inst inst) => ExceptionTableOf(this[inst]);

    private ExceptionTableData? ExceptionTableOf(InstructionData d)
    {
        return d.Format is InstructionFormat.TryCall or InstructionFormat.TryCallIndirect && d.ExceptionTable.Index < (uint)ExceptionTables.Count
            ? ExceptionTables[(int)d.ExceptionTable.Index]
            : null;
    }

    /// <summary>The blocks a terminator may transfer control to, in a fixed order (duplicates kept). A
    /// <c>try_call</c>'s destinations come with no arguments, because theirs may be <c>retN</c>/<c>exnN</c>
    /// placeholders rather than values: read them from <see cref="ExceptionTableOf"/>.</summary>
    public IEnumerable<BlockCall> BranchDestinations(Inst inst)
    {
        var targets = BranchTargets.Of(this, this[inst], exceptionEdges: true);
        var list = new BlockCall[targets.Count];
        for (int i = 0; i < list.Length; i++) list[i] = targets[i];
        return list;
    }
}
