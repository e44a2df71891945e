using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Stencil.Ir.Keys;

namespace Stencil.RemoteCache;

/// <summary>
/// The bytes of one remote cache value. Whoever can write to the server can put anything under any key, and the
/// network or the server can damage values, so a value says what it is and is checked before use:
/// <code>
/// magic "STNR" | version u16 | key (32 bytes) | triple length u16 | triple (UTF-8) | payload length u32 | SHA-256 (32) | payload
/// </code>
/// The SHA-256 is of the triple's bytes followed by the payload. The key guards against a value copied or renamed to
/// another key; the digest against damage. (Neither guards
/// against a writer who computes both: that is the trust boundary the README describes.)
/// </summary>
public static class RemoteEntryCodec
{
    public const ushort Version = 1;
    private static ReadOnlySpan<byte> Magic => "STNR"u8;
    private const int FixedHeader = 4 + 2 + CacheKey.Size + 2;
    private const int DigestSize = 32;

    public static byte[] Encode(in CacheKey key, ReadOnlySpan<byte> payload, string triple)
    {
        var tripleBytes = Encoding.UTF8.GetBytes(triple);
        if (tripleBytes.Length > ushort.MaxValue) throw new ArgumentException("target triple too long", nameof(triple));
        var value = new byte[FixedHeader + tripleBytes.Length + 4 + DigestSize + payload.Length];
        var span = value.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Version);
        key.CopyTo(span[6..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(6 + CacheKey.Size)..], (ushort)tripleBytes.Length);
        int at = FixedHeader;
        tripleBytes.CopyTo(span[at..]);
        at += tripleBytes.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)payload.Length);
        at += 4;
        Digest(tripleBytes, payload, span.Slice(at, DigestSize));
        at += DigestSize;
        payload.CopyTo(span[at..]);
        return value;
    }

    private static void Digest(ReadOnlySpan<byte> triple, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(triple);
        hash.AppendData(payload);
        hash.GetHashAndReset(destination);
    }

    /// <summary>
    /// The payload of a value read under <paramref name="expectedKey"/>, or false with the reason it cannot be used
    /// (not ours, another format version, stored under another key, truncated, failed its checksum).
    /// </summary>
    public static bool TryDecode(in CacheKey expectedKey, ReadOnlyMemory<byte> value, out ReadOnlyMemory<byte> payload, out string triple, out string problem)
    {
        payload = default;
        triple = "";
        var span = value.Span;
        if (span.Length < FixedHeader || !span[..4].SequenceEqual(Magic)) { problem = "not a Stencil cache value"; return false; }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
        if (version != Version) { problem = $"value format version {version}, expected {Version}"; return false; }
        Span<byte> expected = stackalloc byte[CacheKey.Size];
        expectedKey.CopyTo(expected);
        if (!span.Slice(6, CacheKey.Size).SequenceEqual(expected)) { problem = "value was stored under another key"; return false; }
        int tripleLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(6 + CacheKey.Size)..]);
        int at = FixedHeader;
        if (span.Length < at + tripleLength + 4 + DigestSize) { problem = "value is truncated"; return false; }
        var tripleBytes = span.Slice(at, tripleLength);
        at += tripleLength;
        long length = BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
        at += 4;
        var digest = span.Slice(at, DigestSize);
        at += DigestSize;
        if (span.Length - at != length) { problem = "value length does not match its header"; return false; }
        Span<byte> actual = stackalloc byte[DigestSize];
        Digest(tripleBytes, span[at..], actual);
        if (!actual.SequenceEqual(digest)) { problem = "value failed its checksum"; return false; }
        triple = Encoding.UTF8.GetString(tripleBytes);
        payload = value[at..];
        problem = "";
        return true;
    }
}
