using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xLowering
{
    /// <summary>Bit counts, bit and byte reversal and min/max of i128 from the 64-bit rules on its halves; counts have
    /// a zero high half.</summary>
    private bool LowerI128Bits(Inst inst)
    {
        var d = Dfg[inst];
        if (Dfg.ControllingType(inst) != IrType.I128) return false;
        switch (d.Opcode)
        {
            case Opcode.Clz or Opcode.Ctz or Opcode.Cls or Opcode.Popcnt:
            {
                var x = Pair(d.Args[0]);
                var (lo, hi) = Pair(Dfg.FirstResult(inst));
                if (d.Opcode == Opcode.Clz) CountLeadingZeros128(lo, x);
                else if (d.Opcode == Opcode.Ctz) CountTrailingZeros128(lo, x);
                else if (d.Opcode == Opcode.Cls) CountLeadingSignBits128(lo, x);
                else
                {
                    var (low, high) = (Temp(), Temp());
                    PopCount(low, x.Lo, 64);
                    PopCount(high, x.Hi, 64);
                    Emit(I("agrk", Def(lo), Use(low), Use(high)));
                }
                Emit(I("lghi", Def(hi), Imm(0)));
                return true;
            }
            case Opcode.Bitrev:
            {
                var (x, r) = (Pair(d.Args[0]), Pair(Dfg.FirstResult(inst)));
                BitReverse(r.Lo, x.Hi, 64);
                BitReverse(r.Hi, x.Lo, 64);
                return true;
            }
            case Opcode.Bswap:
            {
                var (x, r) = (Pair(d.Args[0]), Pair(Dfg.FirstResult(inst)));
                Emit(I("lrvgr", Def(r.Lo), Use(x.Hi)));
                Emit(I("lrvgr", Def(r.Hi), Use(x.Lo)));
                return true;
            }
            case Opcode.Smin or Opcode.Smax or Opcode.Umin or Opcode.Umax:
            {
                // a, replaced by b where a is on the losing side.
                var (a, b, r) = (Pair(d.Args[0]), Pair(d.Args[1]), Pair(Dfg.FirstResult(inst)));
                Emit(S390xMInst.Move(r.Lo, a.Lo));
                Emit(S390xMInst.Move(r.Hi, a.Hi));
                int mask = CompareFlags128(d.Opcode switch
                {
                    Opcode.Smin => IntCC.SignedGreaterThan, Opcode.Smax => IntCC.SignedLessThan,
                    Opcode.Umin => IntCC.UnsignedGreaterThan, _ => IntCC.UnsignedLessThan,
                }, a, b);
                Emit(I("locgr", Mod(r.Lo), Use(b.Lo), Imm(mask)));
                Emit(I("locgr", Mod(r.Hi), Use(b.Hi), Imm(mask)));
                return true;
            }
        }
        return false;
    }

    /// <summary>The high half's count (flogr gives 64 for zero), or when that is 64, 64 more than the low half's.</summary>
    private void CountLeadingZeros128(Reg dst, (Reg Lo, Reg Hi) x)
    {
        Emit(I("flogr", Def(PairHigh), Use(x.Hi), Implicit(PairLow, OperandKind.Def)));
        Emit(S390xMInst.Move(dst, PairHigh));
        Emit(I("flogr", Def(PairHigh), Use(x.Lo), Implicit(PairLow, OperandKind.Def)));
        var low = Temp();
        Emit(I("aghik", Def(low), Use(PairHigh), Imm(64)));
        Emit(I("cghi", Use(dst), Imm(64)));
        Emit(I("locgr", Mod(dst), Use(low), Imm(8)));
    }

    private void CountTrailingZeros128(Reg dst, (Reg Lo, Reg Hi) x)
    {
        CountTrailingZeros(dst, x.Lo, 64);
        var high = Temp();
        CountTrailingZeros(high, x.Hi, 64);
        Emit(I("aghi", Mod(high), Imm(64)));
        Emit(I("cghi", Use(dst), Imm(64)));
        Emit(I("locgr", Mod(dst), Use(high), Imm(8)));
    }

    /// <summary>clz(x ^ (x >> 127)) - 1: the xor clears the copies of the sign, the -1 leaves the sign bit out.</summary>
    private void CountLeadingSignBits128(Reg dst, (Reg Lo, Reg Hi) x)
    {
        var signs = Temp();
        Emit(I("srag", Def(signs), Use(x.Hi), Disp(63)));
        var (lo, hi) = (Temp(), Temp());
        Emit(I("xgrk", Def(lo), Use(x.Lo), Use(signs)));
        Emit(I("xgrk", Def(hi), Use(x.Hi), Use(signs)));
        var count = Temp();
        CountLeadingZeros128(count, (lo, hi));
        Emit(I("aghik", Def(dst), Use(count), Imm(-1)));
    }
}
