using System.Buffers;
using System.Text;

namespace Stencil.Ir.Keys;

/// <summary>Little-endian LEB128 writer for canonical encodings: compact, and with one spelling per value.</summary>
public sealed class CanonicalWriter(IBufferWriter<byte> output)
{
    /// <summary>The most bytes <see cref="WriteVarUInt"/> writes for one value.</summary>
    internal const int MaxVarUIntBytes = 10;

    public void WriteByte(byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    public void WriteVarUInt(ulong v) => output.Advance(EncodeVarUInt(output.GetSpan(MaxVarUIntBytes), v));

    public void WriteVarInt(long v) => WriteVarUInt(ZigZag(v));

    public void WriteString(string s)
    {
        int len = Encoding.UTF8.GetByteCount(s);
        WriteVarUInt((ulong)len);
        Encoding.UTF8.GetBytes(s, output.GetSpan(len));
        output.Advance(len);
    }

    /// <summary>Raw bytes without a length prefix, for fields whose size the format fixes (digests).</summary>
    public void WriteFixed(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt((ulong)bytes.Length);
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    /// <summary>Writes <paramref name="v"/> as LEB128 at the start of <paramref name="span"/> (room for
    /// <see cref="MaxVarUIntBytes"/>) and returns how many bytes that took.</summary>
    internal static int EncodeVarUInt(Span<byte> span, ulong v)
    {
        int n = 0;
        do
        {
            byte b = (byte)(v & 0x7F);
            v >>= 7;
            span[n++] = v != 0 ? (byte)(b | 0x80) : b;
        } while (v != 0);
        return n;
    }

    /// <summary>Signed to unsigned so that small magnitudes of either sign stay short.</summary>
    internal static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));
}
