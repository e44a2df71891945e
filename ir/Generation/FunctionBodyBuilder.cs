using Stencil.Ir.Entities;

namespace Stencil.Ir.Generation;

/// <summary>
/// Builds one function body for <see cref="RandomFunctionGenerator"/>. Values live in a pool that is a stack
/// of scopes: a nested region (loop body, diamond arm, switch case) truncates the pool when it ends, so
/// every operand dominates its use by construction. Values nobody used are folded into the value a scope
/// hands on (a block argument or the return value), which keeps almost every instruction live, as in real code.
/// </summary>
internal sealed partial class FunctionBodyBuilder
{
    private const int RecentWindow = 8;

    private readonly Function _func;
    private readonly Random _rng;
    private readonly GeneratorOptions _options;
    private readonly IReadOnlyList<GeneratedSignature> _callees;
    private readonly FuncCursor _cursor;
    private readonly List<Value> _pool = [];
    private readonly HashSet<Value> _unused = [];
    private readonly List<(StackSlot Slot, int Size)> _slots = [];
    private readonly Dictionary<string, FuncRef> _imported = new(StringComparer.Ordinal);
    private int _nesting, _loopDepth, _calls;

    public FunctionBodyBuilder(Function func, Random rng, GeneratorOptions options, IReadOnlyList<GeneratedSignature> callees)
    {
        _func = func;
        _rng = rng;
        _options = options;
        _callees = callees;
        _cursor = new FuncCursor(func);
    }

    private InstBuilder Ins => _cursor.Ins();
    private int Count => _func.Dfg.NumInsts;
    private IrType TypeOf(Value v) => _func.Dfg.ValueType(v);

    public void Build(int targetInstructions)
    {
        var entry = _cursor.InsertBlock();
        foreach (var p in _func.Signature.Params) Define(_func.Dfg.AppendBlockParam(entry, p.Type));
        CreateStackSlots();
        EmitUntil(targetInstructions - 2);
        var result = CloseScope(0, _func.Signature.Returns[0].Type);
        Ins.Return(result);
    }

    private void EmitUntil(int stop)
    {
        while (Count < stop) EmitOne(stop - Count);
    }

    /// <summary>Adds a value to the pool; <paramref name="needsUse"/> marks it for folding if nothing uses it.</summary>
    private void Define(Value v, bool needsUse = true)
    {
        _pool.Add(v);
        if (needsUse) _unused.Add(v);
    }

    /// <summary>Ends the scope that began at pool index <paramref name="mark"/>: folds its unused values
    /// into one value of type <paramref name="type"/> (or picks one when there are none) and drops the scope's values.</summary>
    private Value CloseScope(int mark, IrType type)
    {
        var pending = new List<Value>();
        for (int i = mark; i < _pool.Count; i++) if (_unused.Contains(_pool[i])) pending.Add(_pool[i]);
        Value result = pending.Count == 0 ? Pick(type) : Convert(pending[0], type);
        for (int i = 1; i < pending.Count; i++) result = Ins.Bxor(result, Convert(pending[i], type));
        _pool.RemoveRange(mark, _pool.Count - mark);
        return result;
    }

    /// <summary>An operand of type <paramref name="type"/>: mostly a recent value (deep data-flow chains), converted as needed.</summary>
    private Value Pick(IrType type)
    {
        if (_pool.Count == 0) return Const(type, SignedImm(type));
        var v = _rng.Next(10) < 7
            ? _pool[_pool.Count - 1 - _rng.Next(Math.Min(RecentWindow, _pool.Count))]
            : _pool[_rng.Next(_pool.Count)];
        return Convert(v, type);
    }

    private Value Convert(Value v, IrType to)
    {
        _unused.Remove(v);
        var from = TypeOf(v);
        if (from == to) return v;
        if (from.Bits > to.Bits) return Ins.Convert(Opcode.Ireduce, to, v);
        bool signed = _options.Allows(Opcode.Sextend) && _rng.Next(2) == 0;
        return Ins.Convert(signed ? Opcode.Sextend : Opcode.Uextend, to, v);
    }

    private IrType RandomType() => _options.Types[_rng.Next(_options.Types.Count)];

    /// <summary>An immediate that fits <paramref name="type"/> read as signed; small numbers are the common case.</summary>
    private long SignedImm(IrType type)
    {
        if (_rng.Next(4) != 0) return _rng.Next(-64, 65);
        int bits = type.Bits;
        return bits >= 64 ? _rng.NextInt64(long.MinValue, long.MaxValue) : _rng.NextInt64(-(1L << (bits - 1)), 1L << (bits - 1));
    }

    private Value Const(IrType type, long value) => Ins.Iconst(type, value);

    private T Choose<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private IReadOnlyList<Opcode> AllowedOf(params Opcode[] ops) => Array.FindAll(ops, _options.Allows);
}
