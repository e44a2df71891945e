using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// i128 values live in two 64-bit virtual registers, low half first. Arithmetic chains through the
/// carry flag (add/adc, sub/sbb), comparisons combine both halves, shifts use shld/shrd plus a fix-up
/// for amounts of 64 and more.
/// </summary>
internal sealed partial class X64Lowering
{
    private bool IsWide(Inst inst)
    {
        if (_dfg.ControllingType(inst) == IrType.I128) return true;
        foreach (var a in _dfg[inst].Args) if (_dfg.IsValidValue(a) && TypeOf(a) == IrType.I128) return true;
        foreach (var r in _dfg.InstResults(inst)) if (TypeOf(r) == IrType.I128) return true;
        return false;
    }

    /// <summary>Lowers instructions that produce or consume i128; false for the ones this backend
    /// leaves to the generic paths (jumps, calls, returns) or does not support.</summary>
    private bool LowerI128(Inst inst)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        bool wide = t == IrType.I128;
        switch (d.Opcode)
        {
            case Opcode.Iconst when wide:
            {
                var (lo, hi) = Pair(_dfg.FirstResult(inst));
                Emit(MInst.MovImm(lo, d.Imm));
                Emit(MInst.MovImm(hi, 0));
                return true;
            }
            case Opcode.Iadd or Opcode.Isub when wide:
            {
                var (alo, ahi) = Pair(d.Args[0]);
                var (blo, bhi) = Pair(d.Args[1]);
                var (lo, hi) = Pair(_dfg.FirstResult(inst));
                bool add = d.Opcode == Opcode.Iadd;
                Emit(MInst.Mov(lo, alo));
                Emit(MInst.Mov(hi, ahi));
                Emit(MInst.AluRR(add ? AluOp.Add : AluOp.Sub, lo, blo, 8));
                Emit(MInst.AluRR(add ? AluOp.Adc : AluOp.Sbb, hi, bhi, 8));
                return true;
            }
            case Opcode.Band or Opcode.Bor or Opcode.Bxor when wide:
            {
                var op = d.Opcode switch { Opcode.Band => AluOp.And, Opcode.Bor => AluOp.Or, _ => AluOp.Xor };
                var a = Parts(d.Args[0]);
                var b = Parts(d.Args[1]);
                var r = Parts(_dfg.FirstResult(inst));
                for (int k = 0; k < 2; k++)
                {
                    Emit(MInst.Mov(r[k], a[k]));
                    Emit(MInst.AluRR(op, r[k], b[k], 8));
                }
                return true;
            }
            case Opcode.Bnot when wide:
            {
                var a = Parts(d.Args[0]);
                var r = Parts(_dfg.FirstResult(inst));
                for (int k = 0; k < 2; k++)
                {
                    Emit(MInst.Mov(r[k], a[k]));
                    Emit(MInst.Un(UnaryOp.Not, r[k], 8));
                }
                return true;
            }
            case Opcode.Ineg when wide:
            {
                // 0 - x: neg the low half (CF = it was non-zero), then 0 - high - CF.
                var (alo, ahi) = Pair(d.Args[0]);
                var (lo, hi) = Pair(_dfg.FirstResult(inst));
                Emit(MInst.Mov(lo, alo));
                Emit(MInst.MovImm(hi, 0));
                Emit(MInst.Un(UnaryOp.Neg, lo, 8));
                Emit(MInst.AluRR(AluOp.Sbb, hi, ahi, 8));
                return true;
            }
            case Opcode.Imul when wide && LowerWideningMul(inst):
                return true;
            case Opcode.Imul when wide:
            {
                var (alo, ahi) = Pair(d.Args[0]);
                var (blo, bhi) = Pair(d.Args[1]);
                var (lo, hi) = Pair(_dfg.FirstResult(inst));
                Emit(MInst.Mov(X64Regs.Rax, alo));
                Emit(MInst.MulWide(blo, 8, signed: false));
                Emit(MInst.Mov(lo, X64Regs.Rax));
                Emit(MInst.Mov(hi, X64Regs.Rdx));
                var cross1 = Temp();
                Emit(MInst.Mov(cross1, alo));
                Emit(MInst.AluRR(AluOp.Imul, cross1, bhi, 8));
                Emit(MInst.AluRR(AluOp.Add, hi, cross1, 8));
                var cross2 = Temp();
                Emit(MInst.Mov(cross2, ahi));
                Emit(MInst.AluRR(AluOp.Imul, cross2, blo, 8));
                Emit(MInst.AluRR(AluOp.Add, hi, cross2, 8));
                return true;
            }
            case Opcode.Icmp or Opcode.IcmpImm when TypeOf(d.Args[0]) == IrType.I128:
                Emit(MInst.Setcc(EmitIntCompare(inst), Result(inst)));
                return true;
            case Opcode.Select or Opcode.SelectSpectreGuard when wide:
            {
                var cc = LowerCondition(d.Args[0]);
                var x = Parts(d.Args[1]);
                var y = Parts(d.Args[2]);
                var r = Parts(_dfg.FirstResult(inst));
                for (int k = 0; k < 2; k++) Emit(MInst.Mov(r[k], y[k]));
                for (int k = 0; k < 2; k++) Emit(MInst.Cmov(cc, r[k], x[k], 8));
                return true;
            }
            case Opcode.Select or Opcode.SelectSpectreGuard:
                LowerSelect(inst);
                return true;
            case Opcode.Iabs or Opcode.Bitselect or Opcode.Bitcast or Opcode.Cls
                or Opcode.UaddOverflow or Opcode.SaddOverflow or Opcode.UsubOverflow or Opcode.SsubOverflow when wide:
                return LowerWideMisc(inst);
            case Opcode.AtomicLoad or Opcode.AtomicStore or Opcode.AtomicRmw or Opcode.AtomicCas:
                return LowerWideAtomic(inst);
            case Opcode.Brif:
                Branch(LowerCondition(d.Args[0]), Target(inst, 0, d.Destinations[0]), Target(inst, 1, d.Destinations[1]));
                return true;
            case Opcode.Trapz or Opcode.Trapnz:
            {
                var cc = LowerCondition(d.Args[0]);
                Emit(MInst.TrapIf(d.Opcode == Opcode.Trapnz ? cc : cc.Invert(), d.Trap));
                return true;
            }
            case Opcode.Uextend or Opcode.Sextend when wide:
            {
                var from = TypeOf(d.Args[0]);
                if (!from.IsInt || from.Bits >= 128) throw IsaDiagnostics.Malformed($"`{d.Opcode.Name()}.i128` of a {from} value");
                var (lo, hi) = Pair(_dfg.FirstResult(inst));
                bool signed = d.Opcode == Opcode.Sextend;
                Extend(lo, Get(d.Args[0]), from, signed);
                if (signed)
                {
                    Emit(MInst.Mov(hi, lo));
                    Emit(MInst.ShiftRI(ShiftOp.Sar, hi, 63, 8));
                }
                else Emit(MInst.MovImm(hi, 0));
                return true;
            }
            case Opcode.Ireduce when TypeOf(d.Args[0]) == IrType.I128 && !wide:
                Emit(MInst.Mov(Result(inst), Pair(d.Args[0]).Lo));
                return true;
            case Opcode.Iconcat when _dfg.HasResults(inst) && TypeOf(_dfg.FirstResult(inst)) == IrType.I128:
            {
                var (lo, hi) = Pair(_dfg.FirstResult(inst));
                Emit(MInst.Mov(lo, Get(d.Args[0])));
                Emit(MInst.Mov(hi, Get(d.Args[1])));
                return true;
            }
            case Opcode.Isplit when wide:
            {
                var (lo, hi) = Pair(d.Args[0]);
                var rs = _dfg.InstResults(inst);
                Emit(MInst.Mov(Get(rs[0]), lo));
                Emit(MInst.Mov(Get(rs[1]), hi));
                return true;
            }
            case Opcode.Load when wide:
            {
                CheckEndianness(d.Flags, inst, _dfg);
                var (lo, hi) = Pair(_dfg.FirstResult(inst));
                var (addr, disp) = PairAddress(Get(d.Args[0]), d.Offset);
                Emit(MInst.Load(lo, addr, Amode.RegDisp(disp), 8, false, trap: !d.Flags.Notrap));
                Emit(MInst.Load(hi, addr, Amode.RegDisp(disp + 8), 8, false, trap: !d.Flags.Notrap));
                return true;
            }
            case Opcode.Store when TypeOf(d.Args[0]) == IrType.I128:
            {
                CheckEndianness(d.Flags, inst, _dfg);
                var (lo, hi) = Pair(d.Args[0]);
                var (addr, disp) = PairAddress(Get(d.Args[1]), d.Offset);
                Emit(MInst.Store(lo, addr, Amode.RegDisp(disp), 8, trap: !d.Flags.Notrap));
                Emit(MInst.Store(hi, addr, Amode.RegDisp(disp + 8), 8, trap: !d.Flags.Notrap));
                return true;
            }
            case Opcode.StackLoad when wide:
            {
                var (lo, hi) = Pair(_dfg.FirstResult(inst));
                Emit(MInst.Load(lo, null, SlotAmode(d.StackSlot, d.Offset), 8, false));
                Emit(MInst.Load(hi, null, SlotAmode(d.StackSlot, checked(d.Offset + 8)), 8, false));
                return true;
            }
            case Opcode.StackStore when TypeOf(d.Args[0]) == IrType.I128:
            {
                var (lo, hi) = Pair(d.Args[0]);
                Emit(MInst.Store(lo, null, SlotAmode(d.StackSlot, d.Offset), 8));
                Emit(MInst.Store(hi, null, SlotAmode(d.StackSlot, checked(d.Offset + 8)), 8));
                return true;
            }
            case Opcode.Ishl or Opcode.Ushr or Opcode.Sshr or Opcode.Rotl or Opcode.Rotr when wide:
                Shift128(inst, d.Opcode, ShiftAmount(d.Args[1]));
                return true;
            case Opcode.Popcnt or Opcode.Clz or Opcode.Ctz or Opcode.Bswap or Opcode.Bitrev or Opcode.Smin or Opcode.Smax or Opcode.Umin or Opcode.Umax when wide:
                return LowerWideBits(inst);
            case Opcode.IshlImm or Opcode.UshrImm or Opcode.SshrImm or Opcode.RotlImm or Opcode.RotrImm when wide:
            {
                var op = d.Opcode switch
                {
                    Opcode.IshlImm => Opcode.Ishl, Opcode.UshrImm => Opcode.Ushr, Opcode.SshrImm => Opcode.Sshr,
                    Opcode.RotlImm => Opcode.Rotl, _ => Opcode.Rotr,
                };
                Shift128(inst, op, Const(d.Imm & 127));
                return true;
            }
        }
        return false;
    }

    /// <summary>A shift amount's register: the low half of an i128 amount, else the value itself.</summary>
    private Reg ShiftAmount(Value amount) => TypeOf(amount) == IrType.I128 ? Pair(amount).Lo : Get(amount);

    private void Shift128(Inst inst, Opcode op, Reg amount)
    {
        var (lo, hi) = Pair(_dfg[inst].Args[0]);
        var (rlo, rhi) = Pair(_dfg.FirstResult(inst));
        (Reg Lo, Reg Hi) r;
        if (op is Opcode.Rotl or Opcode.Rotr)
        {
            // Rotating by n is shifting one way by n and the other by -n (mod 128), then or-ing.
            var negated = Temp();
            Emit(MInst.Mov(negated, amount));
            Emit(MInst.Un(UnaryOp.Neg, negated, 8));
            var a = op == Opcode.Rotl ? ShiftLeft128(lo, hi, amount) : ShiftRight128(lo, hi, amount, arithmetic: false);
            var b = op == Opcode.Rotl ? ShiftRight128(lo, hi, negated, arithmetic: false) : ShiftLeft128(lo, hi, negated);
            Emit(MInst.AluRR(AluOp.Or, a.Lo, b.Lo, 8));
            Emit(MInst.AluRR(AluOp.Or, a.Hi, b.Hi, 8));
            r = a;
        }
        else r = op == Opcode.Ishl ? ShiftLeft128(lo, hi, amount) : ShiftRight128(lo, hi, amount, arithmetic: op == Opcode.Sshr);
        Emit(MInst.Mov(rlo, r.Lo));
        Emit(MInst.Mov(rhi, r.Hi));
    }

    /// <summary>shld/shl shift by the amount mod 64; when bit 6 of the amount is set, the halves move over by 64 more.</summary>
    private (Reg Lo, Reg Hi) ShiftLeft128(Reg lo, Reg hi, Reg amount)
    {
        var rlo = Temp();
        var rhi = Temp();
        var zero = Const(0);
        Emit(MInst.Mov(rlo, lo));
        Emit(MInst.Mov(rhi, hi));
        Emit(MInst.Mov(X64Regs.Rcx, amount));
        Emit(MInst.ShiftDouble(rhi, rlo, right: false));
        Emit(MInst.ShiftCl(ShiftOp.Shl, rlo, 8));
        var bit = Temp();
        Emit(MInst.Mov(bit, amount));
        Emit(MInst.AluRI(AluOp.And, bit, 64, 8));
        Emit(MInst.Cmov(CondCode.NE, rhi, rlo, 8));
        Emit(MInst.Cmov(CondCode.NE, rlo, zero, 8));
        return (rlo, rhi);
    }

    private (Reg Lo, Reg Hi) ShiftRight128(Reg lo, Reg hi, Reg amount, bool arithmetic)
    {
        var rlo = Temp();
        var rhi = Temp();
        var fill = Temp();
        if (arithmetic)
        {
            Emit(MInst.Mov(fill, hi));
            Emit(MInst.ShiftRI(ShiftOp.Sar, fill, 63, 8));
        }
        else Emit(MInst.MovImm(fill, 0));
        Emit(MInst.Mov(rlo, lo));
        Emit(MInst.Mov(rhi, hi));
        Emit(MInst.Mov(X64Regs.Rcx, amount));
        Emit(MInst.ShiftDouble(rlo, rhi, right: true));
        Emit(MInst.ShiftCl(arithmetic ? ShiftOp.Sar : ShiftOp.Shr, rhi, 8));
        var bit = Temp();
        Emit(MInst.Mov(bit, amount));
        Emit(MInst.AluRI(AluOp.And, bit, 64, 8));
        Emit(MInst.Cmov(CondCode.NE, rlo, rhi, 8));
        Emit(MInst.Cmov(CondCode.NE, rhi, fill, 8));
        return (rlo, rhi);
    }

    /// <summary>Flags for an i128 comparison: equality ors the xor of both halves; orderings subtract
    /// with borrow (cmp low, sbb high), swapping operands for the greater-than family.</summary>
    private CondCode EmitWideCompare(Inst cmp)
    {
        var d = _dfg[cmp];
        var a = Pair(d.Args[0]);
        var b = d.Opcode == Opcode.IcmpImm ? (Const(d.Imm), Const(d.Imm >> 63)) : Pair(d.Args[1]);
        return WideCompare(d.IntCond, a, b);
    }

    private CondCode WideCompare(IntCC cc, (Reg Lo, Reg Hi) a, (Reg Lo, Reg Hi) b)
    {
        if (cc is IntCC.Equal or IntCC.NotEqual)
        {
            var x = Temp();
            var y = Temp();
            Emit(MInst.Mov(x, a.Lo));
            Emit(MInst.AluRR(AluOp.Xor, x, b.Lo, 8));
            Emit(MInst.Mov(y, a.Hi));
            Emit(MInst.AluRR(AluOp.Xor, y, b.Hi, 8));
            Emit(MInst.AluRR(AluOp.Or, x, y, 8));
            return cc == IntCC.Equal ? CondCode.E : CondCode.NE;
        }
        bool swap = cc is IntCC.SignedGreaterThan or IntCC.SignedLessThanOrEqual or IntCC.UnsignedGreaterThan or IntCC.UnsignedLessThanOrEqual;
        var (l, r) = swap ? (b, a) : (a, b);
        var high = Temp();
        Emit(MInst.Mov(high, l.Hi));
        Emit(MInst.Cmp(l.Lo, r.Lo, 8));
        Emit(MInst.AluRR(AluOp.Sbb, high, r.Hi, 8));
        return cc switch
        {
            IntCC.SignedLessThan or IntCC.SignedGreaterThan => CondCode.L,
            IntCC.SignedGreaterThanOrEqual or IntCC.SignedLessThanOrEqual => CondCode.GE,
            IntCC.UnsignedLessThan or IntCC.UnsignedGreaterThan => CondCode.B,
            _ => CondCode.AE,
        };
    }

    /// <summary>Bit counts, byte and bit reversal and min/max of i128 from their 64-bit halves.</summary>
    private bool LowerWideBits(Inst inst)
    {
        var d = _dfg[inst];
        switch (d.Opcode)
        {
            case Opcode.Popcnt:
            {
                var (lo, hi) = Pair(d.Args[0]);
                var (rlo, rhi) = Pair(_dfg.FirstResult(inst));
                var count = PopCount(lo, IrType.I64);
                Emit(MInst.AluRR(AluOp.Add, count, PopCount(hi, IrType.I64), 8));
                Emit(MInst.Mov(rlo, count));
                Emit(MInst.MovImm(rhi, 0));
                return true;
            }
            case Opcode.Clz or Opcode.Ctz:
            {
                // Count in the half that decides (high for clz, low for ctz) unless it is zero.
                var (lo, hi) = Pair(d.Args[0]);
                var (rlo, rhi) = Pair(_dfg.FirstResult(inst));
                bool leading = d.Opcode == Opcode.Clz;
                var first = leading ? hi : lo;
                var firstCount = leading ? CountLeadingZeros(hi, IrType.I64) : CountTrailingZeros(lo, IrType.I64);
                var count = leading ? CountLeadingZeros(lo, IrType.I64) : CountTrailingZeros(hi, IrType.I64);
                Emit(MInst.AluRI(AluOp.Add, count, 64, 8));
                Emit(MInst.Test(first, first, 8));
                Emit(MInst.Cmov(CondCode.NE, count, firstCount, 8));
                Emit(MInst.Mov(rlo, count));
                Emit(MInst.MovImm(rhi, 0));
                return true;
            }
            case Opcode.Bswap or Opcode.Bitrev:
            {
                var (lo, hi) = Pair(d.Args[0]);
                var (rlo, rhi) = Pair(_dfg.FirstResult(inst));
                if (d.Opcode == Opcode.Bitrev)
                {
                    Emit(MInst.Mov(rlo, BitReverse(hi, IrType.I64)));
                    Emit(MInst.Mov(rhi, BitReverse(lo, IrType.I64)));
                    return true;
                }
                Emit(MInst.Mov(rlo, hi));
                Emit(MInst.Bswap(rlo, 8));
                Emit(MInst.Mov(rhi, lo));
                Emit(MInst.Bswap(rhi, 8));
                return true;
            }
            case Opcode.Smin or Opcode.Smax or Opcode.Umin or Opcode.Umax:
            {
                var a = Pair(d.Args[0]);
                var b = Pair(d.Args[1]);
                var (rlo, rhi) = Pair(_dfg.FirstResult(inst));
                // Start from a; take b when a is on the losing side.
                var cc = WideCompare(d.Opcode switch
                {
                    Opcode.Smin => IntCC.SignedGreaterThan,
                    Opcode.Smax => IntCC.SignedLessThan,
                    Opcode.Umin => IntCC.UnsignedGreaterThan,
                    _ => IntCC.UnsignedLessThan,
                }, a, b);
                Emit(MInst.Mov(rlo, a.Lo));
                Emit(MInst.Mov(rhi, a.Hi));
                Emit(MInst.Cmov(cc, rlo, b.Lo, 8));
                Emit(MInst.Cmov(cc, rhi, b.Hi, 8));
                return true;
            }
        }
        return false;
    }
}
