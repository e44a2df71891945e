using System.Text;
using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Diagnostics;

namespace Stencil.Wasm.Binary;

/// <summary>
/// A cursor over a module's bytes, bounded by the end of the current section or body: LEB128 with the spec's
/// length and range checks, names as UTF-8, and every read past <see cref="End"/> a malformed-module diagnostic.
/// Offsets are absolute, from the start of the file.
/// </summary>
public sealed class WasmReader(byte[] data, string file, int position, int end)
{
    public WasmReader(byte[] data, string file) : this(data, file, 0, data.Length) { }

    public string File { get; } = file;
    internal byte[] Data => data;
    public int Position { get; private set; } = position;
    public int End { get; } = end;
    public int Remaining => End - Position;
    public bool AtEnd => Position >= End;

    /// <summary>A reader over the next <paramref name="length"/> bytes, which this one skips.</summary>
    public WasmReader Slice(int length, string what = "length out of bounds")
    {
        if (length < 0 || length > Remaining) throw Malformed(what);
        var slice = new WasmReader(data, File, Position, Position + length);
        Position += length;
        return slice;
    }

    public byte ReadByte()
    {
        if (Position >= End) throw Malformed("unexpected end");
        return data[Position++];
    }

    public byte PeekByte() => Position < End ? data[Position] : throw Malformed("unexpected end");

    public ReadOnlySpan<byte> ReadBytes(int length)
    {
        if (length < 0 || length > Remaining) throw Malformed("unexpected end");
        var span = data.AsSpan(Position, length);
        Position += length;
        return span;
    }

    public uint ReadU32()
    {
        int start = Position;
        uint result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw MalformedAt(start, "integer representation too long");
                if ((b & 0x70) != 0) throw MalformedAt(start, "integer too large");
            }
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    /// <summary>A count that must fit what is left: each item takes at least <paramref name="minItemSize"/> bytes.</summary>
    public int ReadCount(int limit, string what, int minItemSize = 1)
    {
        int start = Position;
        uint count = ReadU32();
        if (count > limit) throw WasmError.Limit(File, start, $"too many {what} ({count}, the limit is {limit})");
        if ((long)count * minItemSize > Remaining) throw MalformedAt(start, "unexpected end");
        return (int)count;
    }

    public int ReadS32() => (int)ReadSigned(32);

    public long ReadS64() => ReadSigned(64);

    /// <summary>A block type's type index (signed 33-bit LEB).</summary>
    public long ReadS33() => ReadSigned(33);

    private long ReadSigned(int bits)
    {
        int start = Position;
        long result = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0, shift = 0; ; i++, shift += 7)
        {
            byte b = ReadByte();
            if (i == maxBytes - 1)
            {
                if ((b & 0x80) != 0) throw MalformedAt(start, "integer representation too long");
                // The unused high bits of the last byte must all equal the sign bit.
                int used = bits - shift;
                int signMask = (0x7F >> (used - 1)) << (used - 1) & 0x7F;
                int high = b & signMask;
                if (high != 0 && high != signMask) throw MalformedAt(start, "integer too large");
            }
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                shift += 7;
                if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
                return result;
            }
        }
    }

    public uint ReadF32Bits() => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public ulong ReadF64Bits() => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public string ReadName()
    {
        int start = Position;
        int length = ReadCount(WasmLimits.NameLength, "name bytes");
        var bytes = ReadBytes(length);
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { throw MalformedAt(start, "malformed UTF-8 encoding"); }
    }

    public DiagnosticException Malformed(string what) => WasmError.Malformed(File, Position, what);

    public DiagnosticException MalformedAt(int offset, string what) => WasmError.Malformed(File, offset, what);
}
