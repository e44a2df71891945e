using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Stencil.Ir.Keys;

/// <summary>
/// The writes of <see cref="CanonicalWriter"/> into a pooled array that grows as needed, for encodings that
/// are hashed rather than kept: a key encoding writes two dozen fields per instruction, and writing them
/// straight into an array costs a fraction of going through <see cref="IBufferWriter{T}"/> calls for each.
/// </summary>
internal sealed class CanonicalBuffer(int capacity) : IDisposable
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(capacity);
    private int _length;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte b)
    {
        if (_length == _bytes.Length) Grow(1);
        _bytes[_length++] = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarUInt(ulong v)
    {
        if (_bytes.Length - _length < CanonicalWriter.MaxVarUIntBytes) Grow(CanonicalWriter.MaxVarUIntBytes);
        if (v < 0x80) _bytes[_length++] = (byte)v;
        else _length += CanonicalWriter.EncodeVarUInt(_bytes.AsSpan(_length), v);
    }

    public void WriteVarInt(long v) => WriteVarUInt(CanonicalWriter.ZigZag(v));

    /// <summary>Room for at least <paramref name="bytes"/> more bytes, to fill with <see cref="Put"/> and
    /// commit with <see cref="Advance"/>: a run of small fields then costs one capacity check, not one each.</summary>
    public Span<byte> Reserve(int bytes)
    {
        if (_bytes.Length - _length < bytes) Grow(bytes);
        return _bytes.AsSpan(_length);
    }

    public void Advance(int bytes) => _length += bytes;

    /// <summary><see cref="WriteVarUInt"/> into a span from <see cref="Reserve"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Put(Span<byte> span, ref int at, ulong v)
    {
        if (v < 0x80) span[at++] = (byte)v;
        else at += CanonicalWriter.EncodeVarUInt(span[at..], v);
    }

    public void WriteString(string s)
    {
        int len = Encoding.UTF8.GetByteCount(s);
        WriteVarUInt((ulong)len);
        if (_bytes.Length - _length < len) Grow(len);
        _length += Encoding.UTF8.GetBytes(s, _bytes.AsSpan(_length));
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt((ulong)bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>Bytes already in canonical form, without a length.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (_bytes.Length - _length < bytes.Length) Grow(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int atLeast)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + atLeast));
        _bytes.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = bigger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
        _length = 0;
    }
}
