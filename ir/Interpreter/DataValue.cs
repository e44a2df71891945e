using System.Globalization;

namespace Stencil.Ir.Interpretation;

/// <summary>
/// One scalar value the interpreter computes with: its type and its raw bits, zero-extended to 128.
/// Keeping raw bits (rather than typed CLR values) makes bitcasts, memory and NaN payloads exact.
/// </summary>
public readonly record struct DataValue(IrType Type, UInt128 Bits)
{
    public static DataValue Int(IrType t, long v) => new(t, Mask((UInt128)(Int128)v, t.Bits));
    public static DataValue Int128(IrType t, Int128 v) => new(t, Mask((UInt128)v, t.Bits));
    public static DataValue F32(float v) => new(IrType.F32, BitConverter.SingleToUInt32Bits(v));
    public static DataValue F64(double v) => new(IrType.F64, BitConverter.DoubleToUInt64Bits(v));
    /// <summary>A value of <paramref name="t"/> from bits, dropping those above its width.</summary>
    public static DataValue FromBits(IrType t, UInt128 bits) => new(t, Mask(bits, t.Bits));
    public static DataValue Bool(bool b) => new(IrType.I8, b ? 1u : 0u);

    /// <summary>The value sign-extended from its width.</summary>
    public long AsInt64() => (long)AsInt128();
    public ulong AsUInt64() => (ulong)Bits;
    public Int128 AsInt128()
    {
        int bits = Type.Bits is > 0 and < 128 ? Type.Bits : 128;
        int shift = 128 - bits;
        return (System.Int128)(Bits << shift) >> shift;
    }
    public float AsF32() => BitConverter.UInt32BitsToSingle((uint)Bits);
    public double AsF64() => BitConverter.UInt64BitsToDouble((ulong)Bits);

    public bool IsNaN => Type == IrType.F32 ? float.IsNaN(AsF32()) : Type == IrType.F64 && double.IsNaN(AsF64());

    public override string ToString()
    {
        if (Type == IrType.F32) return AsF32().ToString("R", CultureInfo.InvariantCulture);
        if (Type == IrType.F64) return AsF64().ToString("R", CultureInfo.InvariantCulture);
        if (Type.IsInt) return AsInt128().ToString(CultureInfo.InvariantCulture);
        return $"{Type}:0x{Bits.ToString("x", CultureInfo.InvariantCulture)}";
    }

    internal static UInt128 Mask(UInt128 v, int bits) => bits >= 128 || bits <= 0 ? v : v & ((UInt128.One << bits) - 1);
}
