using Stencil.Ir;
using Stencil.Ir.Text;

namespace Stencil.Engine.FileTests;

/// <summary>A scalar value of a run directive: its type and its bits, right-aligned and zero above the type's width.</summary>
public readonly record struct TestValue(IrType Type, UInt128 Bits)
{
    public static UInt128 Mask(UInt128 bits, int width) => width >= 128 ? bits : bits & ((UInt128.One << width) - 1);

    public static TestValue Of(IrType type, UInt128 bits) => new(type, Mask(bits, type.Bits));

    /// <summary>Equality as run tests mean it: integers by bits; floats by bits, except that two NaNs are equal when
    /// both are quiet or both signaling (their payload and sign are not compared).</summary>
    public bool Matches(TestValue other)
    {
        if (Type.IsVector && Type == other.Type) return Lanes().Zip(other.Lanes()).All(p => p.First.Matches(p.Second));
        if (Type.IsFloat && other.Type.IsFloat && IsNaN && other.IsNaN) return IsQuietNaN == other.IsQuietNaN;
        return Mask(Bits, Type.Bits) == Mask(other.Bits, Type.Bits);
    }

    /// <summary>The lanes of a vector, lane 0 first; a scalar is its own single lane.</summary>
    public IEnumerable<TestValue> Lanes()
    {
        if (!Type.IsVector) { yield return this; yield break; }
        for (int i = 0; i < Type.LaneCount; i++) yield return Of(Type.LaneType, Bits >> (i * Type.LaneBits));
    }

    private int Significand => Type.LaneBits switch { 16 => 10, 32 => 23, 64 => 52, _ => 112 };

    public bool IsNaN
    {
        get
        {
            if (!Type.IsFloat) return false;
            int t = Significand, w = Type.LaneBits - t - 1;
            var exp = (Bits >> t) & ((UInt128.One << w) - 1);
            return exp == (UInt128.One << w) - 1 && (Bits & ((UInt128.One << t) - 1)) != 0;
        }
    }

    private bool IsQuietNaN => ((Bits >> (Significand - 1)) & 1) != 0;

    public override string ToString()
    {
        if (Type.IsVector) return "[" + string.Join(" ", Lanes()) + "]";
        if (Type.IsFloat && Type.LaneBits is 16 or 32 or 64 or 128) return IeeeText.Format(Bits, Type.LaneBits);
        if (Type.IsInt)
        {
            // Signed reading: directives mostly write negative numbers for values with the top bit set.
            int width = Type.Bits;
            var value = width < 128 && ((Bits >> (width - 1)) & 1) != 0 ? -(Int128)((UInt128.One << width) - Bits) : (Int128)Bits;
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return $"{Type}:0x{Bits:x}";
    }
}
