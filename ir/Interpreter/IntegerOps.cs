using System.Numerics;

namespace Stencil.Ir.Interpretation;

/// <summary>Integer arithmetic, bitwise, shift, comparison and selection opcodes: wrapping arithmetic
/// at the operand width, traps for division, and the overflow/saturating families.</summary>
internal static class IntegerOps
{
    public static bool TryEvaluate(InstructionData d, ReadOnlySpan<DataValue> a, IrType[] rt, Span<DataValue> r)
    {
        IrType ty = rt.Length > 0 ? rt[0] : a.Length > 0 ? a[0].Type : IrType.Invalid;
        int w = ty.Bits;
        switch (d.Opcode)
        {
            case Opcode.Iconst: r[0] = DataValue.FromBits(ty, (UInt128)(Int128)d.Imm); return true;

            case Opcode.Iadd: r[0] = DataValue.FromBits(ty, a[0].Bits + a[1].Bits); return true;
            case Opcode.Isub: r[0] = DataValue.FromBits(ty, a[0].Bits - a[1].Bits); return true;
            case Opcode.Imul: r[0] = DataValue.FromBits(ty, a[0].Bits * a[1].Bits); return true;
            case Opcode.Ineg: r[0] = DataValue.FromBits(ty, UInt128.Zero - a[0].Bits); return true;
            case Opcode.Iabs: r[0] = DataValue.FromBits(ty, IntBits.Signed(a[0].Bits, w) < 0 ? UInt128.Zero - a[0].Bits : a[0].Bits); return true;
            case Opcode.Umulhi: r[0] = DataValue.FromBits(ty, IntBits.FromBig((IntBits.UnsignedBig(a[0].Bits, w) * IntBits.UnsignedBig(a[1].Bits, w)) >> w, w)); return true;
            case Opcode.Smulhi: r[0] = DataValue.FromBits(ty, IntBits.FromBig((IntBits.SignedBig(a[0].Bits, w) * IntBits.SignedBig(a[1].Bits, w)) >> w, w)); return true;
            case Opcode.Udiv or Opcode.Sdiv or Opcode.Urem or Opcode.Srem:
                r[0] = Divide(d.Opcode, ty, a[0].Bits, a[1].Bits); return true;
            case Opcode.UdivImm: r[0] = Divide(Opcode.Udiv, ty, a[0].Bits, Imm(d, w)); return true;
            case Opcode.SdivImm: r[0] = Divide(Opcode.Sdiv, ty, a[0].Bits, Imm(d, w)); return true;
            case Opcode.UremImm: r[0] = Divide(Opcode.Urem, ty, a[0].Bits, Imm(d, w)); return true;
            case Opcode.SremImm: r[0] = Divide(Opcode.Srem, ty, a[0].Bits, Imm(d, w)); return true;
            case Opcode.IaddImm: r[0] = DataValue.FromBits(ty, a[0].Bits + Imm(d, w)); return true;
            case Opcode.ImulImm: r[0] = DataValue.FromBits(ty, a[0].Bits * Imm(d, w)); return true;
            case Opcode.IrsubImm: r[0] = DataValue.FromBits(ty, Imm(d, w) - a[0].Bits); return true;

            case Opcode.Smin: r[0] = IntBits.Signed(a[0].Bits, w) <= IntBits.Signed(a[1].Bits, w) ? a[0] : a[1]; return true;
            case Opcode.Smax: r[0] = IntBits.Signed(a[0].Bits, w) >= IntBits.Signed(a[1].Bits, w) ? a[0] : a[1]; return true;
            case Opcode.Umin: r[0] = a[0].Bits <= a[1].Bits ? a[0] : a[1]; return true;
            case Opcode.Umax: r[0] = a[0].Bits >= a[1].Bits ? a[0] : a[1]; return true;
            case Opcode.AvgRound:
                r[0] = DataValue.FromBits(ty, IntBits.FromBig((IntBits.UnsignedBig(a[0].Bits, w) + IntBits.UnsignedBig(a[1].Bits, w) + 1) >> 1, w)); return true;

            case Opcode.UaddSat: r[0] = Saturate(ty, IntBits.UnsignedBig(a[0].Bits, w) + IntBits.UnsignedBig(a[1].Bits, w), signed: false); return true;
            case Opcode.UsubSat: r[0] = Saturate(ty, IntBits.UnsignedBig(a[0].Bits, w) - IntBits.UnsignedBig(a[1].Bits, w), signed: false); return true;
            case Opcode.SaddSat: r[0] = Saturate(ty, IntBits.SignedBig(a[0].Bits, w) + IntBits.SignedBig(a[1].Bits, w), signed: true); return true;
            case Opcode.SsubSat: r[0] = Saturate(ty, IntBits.SignedBig(a[0].Bits, w) - IntBits.SignedBig(a[1].Bits, w), signed: true); return true;

            case Opcode.UaddOverflow: Overflowing(ty, IntBits.UnsignedBig(a[0].Bits, w) + IntBits.UnsignedBig(a[1].Bits, w), false, r); return true;
            case Opcode.SaddOverflow: Overflowing(ty, IntBits.SignedBig(a[0].Bits, w) + IntBits.SignedBig(a[1].Bits, w), true, r); return true;
            case Opcode.UsubOverflow: Overflowing(ty, IntBits.UnsignedBig(a[0].Bits, w) - IntBits.UnsignedBig(a[1].Bits, w), false, r); return true;
            case Opcode.SsubOverflow: Overflowing(ty, IntBits.SignedBig(a[0].Bits, w) - IntBits.SignedBig(a[1].Bits, w), true, r); return true;
            case Opcode.UmulOverflow: Overflowing(ty, IntBits.UnsignedBig(a[0].Bits, w) * IntBits.UnsignedBig(a[1].Bits, w), false, r); return true;
            case Opcode.SmulOverflow: Overflowing(ty, IntBits.SignedBig(a[0].Bits, w) * IntBits.SignedBig(a[1].Bits, w), true, r); return true;
            case Opcode.UaddOverflowCin:
                Overflowing(ty, IntBits.UnsignedBig(a[0].Bits, w) + IntBits.UnsignedBig(a[1].Bits, w) + Flag(a[2]), false, r); return true;
            case Opcode.SaddOverflowCin:
                Overflowing(ty, IntBits.SignedBig(a[0].Bits, w) + IntBits.SignedBig(a[1].Bits, w) + Flag(a[2]), true, r); return true;
            case Opcode.UsubOverflowBin:
                Overflowing(ty, IntBits.UnsignedBig(a[0].Bits, w) - IntBits.UnsignedBig(a[1].Bits, w) - Flag(a[2]), false, r); return true;
            case Opcode.SsubOverflowBin:
                Overflowing(ty, IntBits.SignedBig(a[0].Bits, w) - IntBits.SignedBig(a[1].Bits, w) - Flag(a[2]), true, r); return true;
            case Opcode.UaddOverflowTrap:
            {
                var sum = IntBits.UnsignedBig(a[0].Bits, w) + IntBits.UnsignedBig(a[1].Bits, w);
                if (!IntBits.FitsUnsigned(sum, w)) throw new TrapException(d.Trap);
                r[0] = DataValue.FromBits(ty, (UInt128)sum); return true;
            }

            case Opcode.Band: r[0] = DataValue.FromBits(ty, a[0].Bits & a[1].Bits); return true;
            case Opcode.Bor: r[0] = DataValue.FromBits(ty, a[0].Bits | a[1].Bits); return true;
            case Opcode.Bxor: r[0] = DataValue.FromBits(ty, a[0].Bits ^ a[1].Bits); return true;
            case Opcode.Bnot: r[0] = DataValue.FromBits(ty, ~a[0].Bits); return true;
            case Opcode.BandNot: r[0] = DataValue.FromBits(ty, a[0].Bits & ~a[1].Bits); return true;
            case Opcode.BorNot: r[0] = DataValue.FromBits(ty, a[0].Bits | ~a[1].Bits); return true;
            case Opcode.BxorNot: r[0] = DataValue.FromBits(ty, a[0].Bits ^ ~a[1].Bits); return true;
            case Opcode.BandImm: r[0] = DataValue.FromBits(ty, a[0].Bits & Imm(d, w)); return true;
            case Opcode.BorImm: r[0] = DataValue.FromBits(ty, a[0].Bits | Imm(d, w)); return true;
            case Opcode.BxorImm: r[0] = DataValue.FromBits(ty, a[0].Bits ^ Imm(d, w)); return true;

            case Opcode.Ishl: r[0] = Shift(Opcode.Ishl, ty, a[0].Bits, (int)(a[1].Bits & (UInt128)(w - 1))); return true;
            case Opcode.Ushr: r[0] = Shift(Opcode.Ushr, ty, a[0].Bits, (int)(a[1].Bits & (UInt128)(w - 1))); return true;
            case Opcode.Sshr: r[0] = Shift(Opcode.Sshr, ty, a[0].Bits, (int)(a[1].Bits & (UInt128)(w - 1))); return true;
            case Opcode.Rotl: r[0] = DataValue.FromBits(ty, IntBits.RotateLeft(a[0].Bits, (int)(a[1].Bits & (UInt128)(w - 1)), w)); return true;
            case Opcode.Rotr: r[0] = DataValue.FromBits(ty, IntBits.RotateLeft(a[0].Bits, w - (int)(a[1].Bits & (UInt128)(w - 1)), w)); return true;
            case Opcode.IshlImm: r[0] = Shift(Opcode.Ishl, ty, a[0].Bits, (int)(d.Imm & (w - 1))); return true;
            case Opcode.UshrImm: r[0] = Shift(Opcode.Ushr, ty, a[0].Bits, (int)(d.Imm & (w - 1))); return true;
            case Opcode.SshrImm: r[0] = Shift(Opcode.Sshr, ty, a[0].Bits, (int)(d.Imm & (w - 1))); return true;
            case Opcode.RotlImm: r[0] = DataValue.FromBits(ty, IntBits.RotateLeft(a[0].Bits, (int)(d.Imm & (w - 1)), w)); return true;
            case Opcode.RotrImm: r[0] = DataValue.FromBits(ty, IntBits.RotateLeft(a[0].Bits, w - (int)(d.Imm & (w - 1)), w)); return true;

            case Opcode.Clz: r[0] = DataValue.FromBits(ty, (UInt128)IntBits.LeadingZeros(a[0].Bits, w)); return true;
            case Opcode.Ctz: r[0] = DataValue.FromBits(ty, (UInt128)IntBits.TrailingZeros(a[0].Bits, w)); return true;
            case Opcode.Cls:
            {
                var v = IntBits.Signed(a[0].Bits, w) < 0 ? ~a[0].Bits : a[0].Bits;
                r[0] = DataValue.FromBits(ty, (UInt128)(IntBits.LeadingZeros(v, w) - 1)); return true;
            }
            case Opcode.Popcnt: r[0] = DataValue.FromBits(ty, UInt128.PopCount(IntBits.Mask(a[0].Bits, w))); return true;
            case Opcode.Bitrev: r[0] = DataValue.FromBits(ty, IntBits.ReverseBits(a[0].Bits, w)); return true;
            case Opcode.Bswap: r[0] = DataValue.FromBits(ty, IntBits.ReverseBytes(a[0].Bits, w)); return true;
            case Opcode.Bmask: r[0] = DataValue.FromBits(ty, a[0].Bits != 0 ? UInt128.MaxValue : UInt128.Zero); return true;

            case Opcode.Icmp: r[0] = DataValue.Bool(IntBits.Compare(d.IntCond, a[0].Bits, a[1].Bits, a[0].Type.Bits)); return true;
            case Opcode.IcmpImm: r[0] = DataValue.Bool(IntBits.Compare(d.IntCond, a[0].Bits, Imm(d, a[0].Type.Bits), a[0].Type.Bits)); return true;
            case Opcode.Select or Opcode.SelectSpectreGuard: r[0] = a[0].Bits != 0 ? a[1] : a[2]; return true;
            case Opcode.Bitselect: r[0] = DataValue.FromBits(ty, (a[0].Bits & a[1].Bits) | (~a[0].Bits & a[2].Bits)); return true;
            default: return false;
        }
    }

    /// <summary>An immediate operand as bits of the operand width: immediates are sign-extended 64-bit values.</summary>
    private static UInt128 Imm(InstructionData d, int bits) => IntBits.Mask((UInt128)(Int128)d.Imm, bits);

    private static BigInteger Flag(DataValue v) => v.Bits != 0 ? BigInteger.One : BigInteger.Zero;

    private static DataValue Shift(Opcode op, IrType ty, UInt128 v, int amount)
    {
        int w = ty.Bits;
        return op switch
        {
            Opcode.Ishl => DataValue.FromBits(ty, v << amount),
            Opcode.Ushr => DataValue.FromBits(ty, IntBits.Mask(v, w) >> amount),
            _ => DataValue.FromBits(ty, (UInt128)(IntBits.Signed(v, w) >> amount)),
        };
    }

    private static DataValue Divide(Opcode op, IrType ty, UInt128 x, UInt128 y)
    {
        int w = ty.Bits;
        if (IntBits.Mask(y, w) == 0) throw new TrapException(TrapCode.IntegerDivisionByZero);
        switch (op)
        {
            case Opcode.Udiv: return DataValue.FromBits(ty, IntBits.Mask(x, w) / IntBits.Mask(y, w));
            case Opcode.Urem: return DataValue.FromBits(ty, IntBits.Mask(x, w) % IntBits.Mask(y, w));
        }
        BigInteger sx = IntBits.SignedBig(x, w), sy = IntBits.SignedBig(y, w);
        if (op == Opcode.Sdiv)
        {
            var q = BigInteger.Divide(sx, sy);
            if (!IntBits.FitsSigned(q, w)) throw new TrapException(TrapCode.IntegerOverflow);
            return DataValue.FromBits(ty, IntBits.FromBig(q, w));
        }
        // srem of MIN by -1 is 0, not a trap: the remainder itself is representable.
        return DataValue.FromBits(ty, IntBits.FromBig(BigInteger.Remainder(sx, sy), w));
    }

    private static DataValue Saturate(IrType ty, BigInteger v, bool signed)
    {
        int w = ty.Bits;
        var clamped = signed ? IntBits.Clamp(v, IntBits.SignedMin(w), IntBits.SignedMax(w)) : IntBits.Clamp(v, BigInteger.Zero, IntBits.UnsignedMax(w));
        return DataValue.FromBits(ty, IntBits.FromBig(clamped, w));
    }

    private static void Overflowing(IrType ty, BigInteger v, bool signed, Span<DataValue> r)
    {
        int w = ty.Bits;
        r[0] = DataValue.FromBits(ty, IntBits.FromBig(v, w));
        r[1] = DataValue.Bool(signed ? !IntBits.FitsSigned(v, w) : !IntBits.FitsUnsigned(v, w));
    }
}
