using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Stencil.Engine.Caching;

/// <summary>
/// The frame of a binary format that must notice damage wherever it is kept: a magic number and format version first,
/// a SHA-256 of everything before it last. Cache files use it for every document (LiteDB keeps no page checksums),
/// and build manifests for themselves, since a build trusts what they remember.
/// </summary>
public static class SealedBlob
{
    public static void Begin(ArrayBufferWriter<byte> buffer, uint magic, int version)
    {
        var head = buffer.GetSpan(8);
        BinaryPrimitives.WriteUInt32LittleEndian(head, magic);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], (uint)version);
        buffer.Advance(8);
    }

    /// <summary>Appends the SHA-256 of everything written so far and returns the whole blob.</summary>
    public static byte[] Seal(ArrayBufferWriter<byte> buffer)
    {
        var result = new byte[buffer.WrittenCount + SHA256.HashSizeInBytes];
        buffer.WrittenSpan.CopyTo(result);
        SHA256.HashData(buffer.WrittenSpan, result.AsSpan(buffer.WrittenCount));
        return result;
    }

    /// <summary>The body of a sealed blob, or false when its header or checksum is not what it should be.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> data, uint magic, int version, out ReadOnlySpan<byte> body)
    {
        body = default;
        if (data.Length < 8 + SHA256.HashSizeInBytes) return false;
        if (BinaryPrimitives.ReadUInt32LittleEndian(data) != magic || BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) != (uint)version) return false;
        var sealedPart = data[..^SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(sealedPart, actual);
        if (!actual.SequenceEqual(data[^SHA256.HashSizeInBytes..])) return false;
        body = sealedPart[8..];
        return true;
    }
}
