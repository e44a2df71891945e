using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.X64;

/// <summary>
/// <c>ushr (ishl x, k), k</c> and <c>sshr (ishl x, k), k</c> keep the low 8, 16 or 32 bits of <c>x</c>, extended:
/// one <c>movzx</c>/<c>movsx</c> (or 32-bit <c>mov</c>) instead of two shifts, as Cranelift's mid-end rewrites them.
/// </summary>
internal sealed partial class X64Lowering
{
    private (Value Source, IrType From, bool Signed)? ShiftPairAsExtend(Inst inst)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        if (!t.IsInt || t.Bits is not (32 or 64) || IsWide(inst) || ShiftAmountOf(inst) is not { } k) return null;
        bool signed = d.Opcode is Opcode.Sshr or Opcode.SshrImm;
        if (!signed && d.Opcode is not (Opcode.Ushr or Opcode.UshrImm)) return null;
        var def = _dfg.ValueDef(_dfg.ResolveAliases(d.Args[0]));
        if (def.Kind != ValueDefKind.Result || _dfg[def.Inst].Opcode is not (Opcode.Ishl or Opcode.IshlImm)
            || _dfg.ControllingType(def.Inst) != t || ShiftAmountOf(def.Inst) != k) return null;
        IrType from = (t.Bits - k) switch { 8 => IrType.I8, 16 => IrType.I16, 32 when t.Bits == 64 => IrType.I32, _ => IrType.Invalid };
        return from == IrType.Invalid ? null : (_dfg[def.Inst].Args[0], from, signed);
    }

    /// <summary>The amount (modulo the width) of a shift by an immediate or a constant.</summary>
    private long? ShiftAmountOf(Inst inst)
    {
        var d = _dfg[inst];
        if (d.Args.Length == 0 || !_dfg.IsValidValue(d.Args[0])) return null;
        int bits = _dfg.ControllingType(inst).Bits;
        long? amount = d.Format == InstructionFormat.BinaryImm64 && d.Args.Length == 1 ? d.Imm
            : d.Format == InstructionFormat.Binary && d.Args.Length == 2 ? ConstOf(d.Args[1]) : null;
        return amount is { } a && bits > 0 ? a & (bits - 1) : null;
    }

    private bool LowerShiftPairAsExtend(Inst inst)
    {
        if (ShiftPairAsExtend(inst) is not { } e) return false;
        Extend(Result(inst), Get(e.Source), e.From, e.Signed);
        return true;
    }
}
