using System.Numerics;

namespace Stencil.Ir.Interpretation;

/// <summary>Width-parameterised integer arithmetic on raw bits, so that i8 through i128 share one implementation.</summary>
internal static class IntBits
{
    public static UInt128 Mask(UInt128 v, int bits) => DataValue.Mask(v, bits);

    public static UInt128 AllOnes(int bits) => Mask(UInt128.MaxValue, bits);

    public static Int128 Signed(UInt128 v, int bits)
    {
        int shift = 128 - bits;
        return (Int128)(v << shift) >> shift;
    }

    public static BigInteger SignedBig(UInt128 v, int bits) => (BigInteger)Signed(v, bits);
    public static BigInteger UnsignedBig(UInt128 v, int bits) => (BigInteger)Mask(v, bits);

    /// <summary>The low <paramref name="bits"/> bits of a mathematical integer (two's complement).</summary>
    public static UInt128 FromBig(BigInteger v, int bits)
    {
        var modulus = BigInteger.One << bits;
        var r = BigInteger.Remainder(v, modulus);
        if (r.Sign < 0) r += modulus;
        return (UInt128)r;
    }

    public static BigInteger SignedMin(int bits) => -(BigInteger.One << (bits - 1));
    public static BigInteger SignedMax(int bits) => (BigInteger.One << (bits - 1)) - 1;
    public static BigInteger UnsignedMax(int bits) => (BigInteger.One << bits) - 1;

    public static bool FitsSigned(BigInteger v, int bits) => v >= SignedMin(bits) && v <= SignedMax(bits);
    public static bool FitsUnsigned(BigInteger v, int bits) => v.Sign >= 0 && v <= UnsignedMax(bits);

    public static BigInteger Clamp(BigInteger v, BigInteger lo, BigInteger hi) => v < lo ? lo : v > hi ? hi : v;

    public static bool Compare(IntCC cc, UInt128 a, UInt128 b, int bits)
    {
        UInt128 ua = Mask(a, bits), ub = Mask(b, bits);
        Int128 sa = Signed(a, bits), sb = Signed(b, bits);
        return cc switch
        {
            IntCC.Equal => ua == ub,
            IntCC.NotEqual => ua != ub,
            IntCC.SignedLessThan => sa < sb,
            IntCC.SignedGreaterThanOrEqual => sa >= sb,
            IntCC.SignedGreaterThan => sa > sb,
            IntCC.SignedLessThanOrEqual => sa <= sb,
            IntCC.UnsignedLessThan => ua < ub,
            IntCC.UnsignedGreaterThanOrEqual => ua >= ub,
            IntCC.UnsignedGreaterThan => ua > ub,
            _ => ua <= ub,
        };
    }

    public static int LeadingZeros(UInt128 v, int bits) => (int)UInt128.LeadingZeroCount(Mask(v, bits)) - (128 - bits);

    public static int TrailingZeros(UInt128 v, int bits) => Mask(v, bits) == 0 ? bits : (int)UInt128.TrailingZeroCount(v);

    public static UInt128 ReverseBits(UInt128 v, int bits)
    {
        UInt128 r = 0;
        for (int i = 0; i < bits; i++) if (((v >> i) & 1) != 0) r |= UInt128.One << (bits - 1 - i);
        return r;
    }

    public static UInt128 ReverseBytes(UInt128 v, int bits)
    {
        UInt128 r = 0;
        int bytes = bits / 8;
        for (int i = 0; i < bytes; i++) r |= ((v >> (8 * i)) & 0xFF) << (8 * (bytes - 1 - i));
        return r;
    }

    public static UInt128 RotateLeft(UInt128 v, int amount, int bits)
    {
        amount &= bits - 1;
        v = Mask(v, bits);
        return amount == 0 ? v : Mask((v << amount) | (v >> (bits - amount)), bits);
    }
}
