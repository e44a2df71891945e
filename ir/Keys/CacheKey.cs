using System.Buffers.Binary;

namespace Stencil.Ir.Keys;

/// <summary>A SHA-256 digest naming one compiled stencil in a cache.</summary>
public readonly struct CacheKey : IEquatable<CacheKey>
{
    public const int Size = 32;
    private readonly ulong _a, _b, _c, _d;

    public CacheKey(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != Size) throw new ArgumentException("a cache key is 32 bytes", nameof(digest));
        _a = BinaryPrimitives.ReadUInt64LittleEndian(digest);
        _b = BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]);
        _c = BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]);
        _d = BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]);
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _a);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], _d);
    }

    public byte[] ToArray() { var b = new byte[Size]; CopyTo(b); return b; }

    public static bool TryParse(string hex, out CacheKey key)
    {
        key = default;
        if (hex is null || hex.Length != Size * 2) return false;
        try { key = new CacheKey(Convert.FromHexString(hex)); return true; }
        catch (FormatException) { return false; }
    }

    public bool Equals(CacheKey other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;
    public override bool Equals(object? obj) => obj is CacheKey k && Equals(k);
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);
    public static bool operator ==(CacheKey l, CacheKey r) => l.Equals(r);
    public static bool operator !=(CacheKey l, CacheKey r) => !l.Equals(r);

    /// <summary>Lower-case hex, the form shown by tools and stored in the cache database.</summary>
    public override string ToString() { Span<byte> b = stackalloc byte[Size]; CopyTo(b); return Convert.ToHexStringLower(b); }
}
