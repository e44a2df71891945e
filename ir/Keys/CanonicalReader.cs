namespace Stencil.Ir.Keys;

/// <summary>The reading side of <see cref="CanonicalWriter"/>; every method reports malformed input by returning false.</summary>
public ref struct CanonicalReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;

    public readonly bool AtEnd => _pos == _data.Length;

    public bool TryReadByte(out byte b)
    {
        if (_pos >= _data.Length) { b = 0; return false; }
        b = _data[_pos++];
        return true;
    }

    public bool TryReadVarUInt(out ulong v)
    {
        v = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (!TryReadByte(out var b)) return false;
            if (shift == 63 && b > 1) return false;
            v |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }

    public bool TryReadUInt32(out uint v)
    {
        v = 0;
        if (!TryReadVarUInt(out var x) || x > uint.MaxValue) return false;
        v = (uint)x;
        return true;
    }

    public bool TryReadVarInt(out long v)
    {
        v = 0;
        if (!TryReadVarUInt(out var x)) return false;
        v = (long)(x >> 1) ^ -(long)(x & 1);
        return true;
    }

    /// <summary>A count of following items, bounded by the bytes left (each item takes at least one byte).</summary>
    public bool TryReadCount(out int count)
    {
        count = 0;
        if (!TryReadVarUInt(out var x) || x > (ulong)(_data.Length - _pos)) return false;
        count = (int)x;
        return true;
    }

    /// <summary>Exactly <paramref name="length"/> raw bytes (no length prefix), as a view of the input.</summary>
    public bool TryReadFixed(int length, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (length < 0 || length > _data.Length - _pos) return false;
        bytes = _data.Slice(_pos, length);
        _pos += length;
        return true;
    }

    /// <summary>A string written by <see cref="CanonicalWriter.WriteString"/>; false for invalid UTF-8.</summary>
    public bool TryReadString(out string text)
    {
        text = "";
        if (!TryReadCount(out int n)) return false;
        try
        {
            text = StrictUtf8.GetString(_data.Slice(_pos, n));
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
        _pos += n;
        return true;
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public bool TryReadBytes(out byte[] bytes)
    {
        bytes = [];
        if (!TryReadCount(out int n)) return false;
        bytes = _data.Slice(_pos, n).ToArray();
        _pos += n;
        return true;
    }
}
