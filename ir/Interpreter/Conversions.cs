namespace Stencil.Ir.Interpretation;

/// <summary>Width changes, i128 assembly, bit reinterpretation and float/int conversions, including the
/// trapping (bad_toint for NaN, int_ovf out of range) and saturating float-to-int forms.</summary>
internal static class Conversions
{
    public static bool TryEvaluate(InstructionData d, ReadOnlySpan<DataValue> a, IrType[] rt, Span<DataValue> r)
    {
        IrType ty = rt.Length > 0 ? rt[0] : IrType.Invalid;
        switch (d.Opcode)
        {
            case Opcode.Uextend: r[0] = DataValue.FromBits(ty, a[0].Bits); return true;
            case Opcode.Sextend: r[0] = DataValue.FromBits(ty, (UInt128)a[0].AsInt128()); return true;
            case Opcode.Ireduce: r[0] = DataValue.FromBits(ty, a[0].Bits); return true;
            case Opcode.Iconcat: r[0] = DataValue.FromBits(ty, a[0].Bits | (a[1].Bits << a[0].Type.Bits)); return true;
            case Opcode.Isplit:
                r[0] = DataValue.FromBits(rt[0], a[0].Bits);
                r[1] = DataValue.FromBits(rt[1], a[0].Bits >> rt[0].Bits);
                return true;
            // Scalar bitcasts keep every bit; the endianness flag only matters for vector lane order.
            case Opcode.Bitcast: r[0] = DataValue.FromBits(ty, a[0].Bits); return true;
            case Opcode.Fpromote: r[0] = Promote(a[0]); return true;
            case Opcode.Fdemote: r[0] = Demote(a[0]); return true;
            case Opcode.FcvtToUint: r[0] = ToInt(ty, a[0], signed: false, saturate: false); return true;
            case Opcode.FcvtToSint: r[0] = ToInt(ty, a[0], signed: true, saturate: false); return true;
            case Opcode.FcvtToUintSat: r[0] = ToInt(ty, a[0], signed: false, saturate: true); return true;
            case Opcode.FcvtToSintSat: r[0] = ToInt(ty, a[0], signed: true, saturate: true); return true;
            case Opcode.FcvtFromUint: r[0] = FromInt(ty, (UInt128)a[0].Bits, null); return true;
            case Opcode.FcvtFromSint: r[0] = FromInt(ty, 0, a[0].AsInt128()); return true;
            default: return false;
        }
    }

    private static DataValue Promote(DataValue x)
    {
        if (!x.IsNaN) return DataValue.F64(x.AsF32());
        // Keep sign and payload of the NaN (shifted into the wider significand), quieted.
        ulong sign = (ulong)(x.Bits >> 31) & 1, payload = (ulong)x.Bits & 0x7F_FFFF;
        return new DataValue(IrType.F64, (sign << 63) | 0x7FF8_0000_0000_0000UL | (payload << 29));
    }

    private static DataValue Demote(DataValue x)
    {
        if (!x.IsNaN) return DataValue.F32((float)x.AsF64());
        ulong bits = (ulong)x.Bits;
        uint sign = (uint)(bits >> 63), payload = (uint)((bits & 0xF_FFFF_FFFF_FFFF) >> 29);
        return new DataValue(IrType.F32, (sign << 31) | 0x7FC0_0000u | payload);
    }

    private static DataValue ToInt(IrType ty, DataValue x, bool signed, bool saturate)
    {
        int w = ty.Bits;
        double v = x.Type == IrType.F32 ? x.AsF32() : x.AsF64();
        if (double.IsNaN(v))
        {
            if (saturate) return DataValue.FromBits(ty, 0);
            throw new TrapException(TrapCode.BadConversionToInteger);
        }
        double t = Math.Truncate(v);
        double lo = signed ? -Math.Pow(2, w - 1) : 0.0, hiExclusive = signed ? Math.Pow(2, w - 1) : Math.Pow(2, w);
        if (t < lo || t >= hiExclusive)
        {
            if (!saturate) throw new TrapException(TrapCode.IntegerOverflow);
            var clamped = t < lo
                ? (signed ? IntBits.SignedMin(w) : System.Numerics.BigInteger.Zero)
                : (signed ? IntBits.SignedMax(w) : IntBits.UnsignedMax(w));
            return DataValue.FromBits(ty, IntBits.FromBig(clamped, w));
        }
        return DataValue.FromBits(ty, IntBits.FromBig(new System.Numerics.BigInteger(t), w));
    }

    private static DataValue FromInt(IrType ty, UInt128 unsigned, Int128? signed)
    {
        // The CLR's 128-bit integer to float conversions round once, to nearest even.
        if (ty == IrType.F32) return DataValue.F32(signed is { } s ? (float)s : (float)unsigned);
        return DataValue.F64(signed is { } s2 ? (double)s2 : (double)unsigned);
    }
}
