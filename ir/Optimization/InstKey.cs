using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Everything that decides what an instruction computes: opcode, types, immediates, entity references
/// and operands. Two instructions with equal keys compute equal results. Operands of commutative
/// opcodes are ordered so <c>iadd a, b</c> and <c>iadd b, a</c> share a key.
/// </summary>
internal readonly struct InstKey : IEquatable<InstKey>
{
    private readonly Opcode _opcode;
    private readonly IrType _ctrl;
    private readonly IrType _result;
    private readonly long _imm;
    private readonly int _offset;
    private readonly int _conds;
    private readonly ushort _flags;
    private readonly uint _ref1;
    private readonly uint _ref2;
    // Up to three operands inline (almost every instruction), the rest only for longer ones: numbering
    // then allocates nothing per instruction.
    private readonly int _argCount;
    private readonly Value _a0, _a1, _a2;
    private readonly Value[]? _more;

    private InstKey(DataFlowGraph dfg, Inst inst)
    {
        var d = dfg[inst];
        _opcode = d.Opcode;
        _ctrl = d.ControllingType;
        _result = dfg.HasResults(inst) ? dfg.ValueType(dfg.FirstResult(inst)) : IrType.Invalid;
        _imm = d.Imm;
        _offset = d.Offset;
        _conds = (int)d.IntCond | ((int)d.FloatCond << 8) | ((int)d.Trap.Value << 16);
        _flags = d.Flags.Bits;
        _ref1 = d.FuncRef.Index ^ (d.StackSlot.Index << 8) ^ (d.SigRef.Index << 16);
        _ref2 = d.GlobalValue.Index ^ (d.Constant.Index << 16);
        var args = d.Args;
        _argCount = args.Length;
        _a0 = args.Length > 0 ? args[0] : default;
        _a1 = args.Length > 1 ? args[1] : default;
        _a2 = args.Length > 2 ? args[2] : default;
        _more = args.Length > 3 ? args[3..] : null;
        if (IsCommutative(d.Opcode) && args.Length == 2 && _a1.Index < _a0.Index) (_a0, _a1) = (_a1, _a0);
    }

    /// <summary>The key of <paramref name="inst"/>, whose operands must already be rewritten to their representatives.</summary>
    public static InstKey Of(DataFlowGraph dfg, Inst inst) => new(dfg, inst);

    public static bool IsCommutative(Opcode op) => op is Opcode.Iadd or Opcode.Imul or Opcode.Band or Opcode.Bor or Opcode.Bxor
        or Opcode.Umulhi or Opcode.Smulhi or Opcode.Smin or Opcode.Smax or Opcode.Umin or Opcode.Umax
        or Opcode.UaddSat or Opcode.SaddSat or Opcode.AvgRound;

    public bool Equals(InstKey o) =>
        _opcode == o._opcode && _ctrl == o._ctrl && _result == o._result && _imm == o._imm && _offset == o._offset && _conds == o._conds
        && _flags == o._flags && _ref1 == o._ref1 && _ref2 == o._ref2 && _argCount == o._argCount && _a0 == o._a0 && _a1 == o._a1 && _a2 == o._a2
        && (_more is null || _more.AsSpan().SequenceEqual(o._more));

    public override bool Equals(object? obj) => obj is InstKey k && Equals(k);

    public override int GetHashCode()
    {
        // A multiply-rotate mix: numbering hashes every pure instruction, and nothing iterates the table, so
        // the hash decides speed only.
        ulong h = (ulong)_opcode | ((ulong)_ctrl.GetHashCode() << 16) | ((ulong)(uint)_conds << 32);
        h = Mix(h, (ulong)_imm);
        h = Mix(h, (ulong)(uint)_offset | ((ulong)_a0.Index << 32));
        h = Mix(h, _a1.Index | ((ulong)_a2.Index << 32));
        return (int)(h ^ (h >> 32));
    }

    private static ulong Mix(ulong h, ulong v) => System.Numerics.BitOperations.RotateLeft((h ^ v) * 0x9E3779B97F4A7C15UL, 29);
}
