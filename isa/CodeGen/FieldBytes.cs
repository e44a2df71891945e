using Stencil.Ir;

namespace Stencil.Isa.CodeGen;

/// <summary>Writes a number into a field of code or data in a machine's byte order: the one place that knows how.</summary>
internal static class FieldBytes
{
    /// <summary>The low <c>field.Length</c> bytes of <paramref name="value"/> into <paramref name="field"/>.</summary>
    public static void Write(Span<byte> field, ulong value, Endianness order)
    {
        if (order == Endianness.Big)
            for (int i = field.Length - 1; i >= 0; i--, value >>= 8) field[i] = (byte)value;
        else
            for (int i = 0; i < field.Length; i++, value >>= 8) field[i] = (byte)value;
    }
}
