using System.Security.Cryptography;

namespace Stencil.CacheDb;

/// <summary>
/// SHA-256 of a payload, stored beside it. LiteDB keeps no page checksums, so without this a flipped bit on disk
/// would come back as plausible machine code.
/// </summary>
internal static class PayloadChecksum
{
    public static byte[] Compute(ReadOnlySpan<byte> payload) => SHA256.HashData(payload);

    public static bool Matches(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> expected)
    {
        if (expected.Length != SHA256.HashSizeInBytes) return false;
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, actual);
        return actual.SequenceEqual(expected);
    }
}
