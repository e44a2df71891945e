using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.X64;

/// <summary>
/// An <c>iconst</c> operand becomes the instruction's immediate (<c>add eax, 17</c>, <c>cmp edi, 5</c>,
/// <c>shl rax, 3</c>) at every opt level, as Cranelift's lowering does: it is instruction selection, not optimization.
/// A constant read only as immediates is then never put in a register (see <see cref="FindLoweredInsts"/>).
/// </summary>
internal sealed partial class X64Lowering
{
    /// <summary>The value of an <c>iconst</c> of at most 64 bits, sign-extended from its type's width.</summary>
    private long? ConstOf(Value v)
    {
        if (!_dfg.IsValidValue(v)) return null;
        v = _dfg.ResolveAliases(v);
        var def = _dfg.ValueDef(v);
        if (def.Kind != ValueDefKind.Result || _dfg[def.Inst].Opcode != Opcode.Iconst) return null;
        var t = TypeOf(v);
        if (!t.IsInt || t.Bits > 64) return null;
        long imm = _dfg[def.Inst].Imm;
        return t.Bits < 64 ? (imm << (64 - t.Bits)) >> (64 - t.Bits) : imm;
    }

    /// <summary>The constant as a sign-extended 32-bit immediate of an operation on <paramref name="type"/>: narrow
    /// types read only their low bits, so any of their constants fits.</summary>
    private int? Imm32Of(Value v, IrType type)
    {
        if (ConstOf(v) is not { } c) return null;
        if (type.Bits <= 32) return (int)c;
        return c is >= int.MinValue and <= int.MaxValue ? (int)c : null;
    }

    /// <summary>Which argument of <paramref name="inst"/> its lowering takes as an immediate, or -1. The rules of
    /// <see cref="LowerInst"/> and <see cref="RegisterOperands"/> both ask this, so they agree on what is read.</summary>
    private int ImmediateArg(Inst inst)
    {
        var d = _dfg[inst];
        if (d.Format != InstructionFormat.Binary && d.Format != InstructionFormat.IntCompare || d.Args.Length != 2
            || !_dfg.IsValidValue(d.Args[0]) || !_dfg.IsValidValue(d.Args[1])) return -1;
        var t = TypeOf(d.Args[0]);
        if (!t.IsInt || t.Bits > 64 || IsWide(inst)) return -1;
        switch (d.Opcode)
        {
            case Opcode.Iadd or Opcode.Isub or Opcode.Band or Opcode.Bor or Opcode.Bxor or Opcode.Imul:
                if (_loadFolds.ContainsKey(inst)) return -1;
                if (Imm32Of(d.Args[1], t) is not null) return 1;
                return d.Opcode != Opcode.Isub && Imm32Of(d.Args[0], t) is not null ? 0 : -1;
            case Opcode.Icmp:
                if (Imm32Of(d.Args[1], t) is not null) return 1;
                return Imm32Of(d.Args[0], t) is not null ? 0 : -1;
            case Opcode.Ishl or Opcode.Ushr or Opcode.Sshr or Opcode.Rotl or Opcode.Rotr:
                return ConstOf(d.Args[1]) is not null ? 1 : -1;
            case Opcode.Udiv or Opcode.Sdiv or Opcode.Urem or Opcode.Srem:
                return ConstOf(d.Args[1]) is not null ? 1 : -1;
            default:
                return -1;
        }
    }
}
