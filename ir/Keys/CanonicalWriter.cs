using System.Buffers;
using System.Text;

namespace Stencil.Ir.Keys;

/// <summary>Little-endian LEB128 writer for canonical encodings: compact, and with one spelling per value.</summary>
public sealed class CanonicalWriter(IBufferWriter<byte> output)
{
    public void WriteByte(byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    public void WriteVarUInt(ulong v)
    {
        var span = output.GetSpan(10);
        int n = 0;
        do
        {
            byte b = (byte)(v & 0x7F);
            v >>= 7;
            span[n++] = v != 0 ? (byte)(b | 0x80) : b;
        } while (v != 0);
        output.Advance(n);
    }

    public void WriteVarInt(long v) => WriteVarUInt((ulong)((v << 1) ^ (v >> 63)));

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
}
