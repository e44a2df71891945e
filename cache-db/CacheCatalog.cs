using Stencil.Engine.Caching;
using System.Buffers;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

/// <summary>
/// The directory of a cache file's large documents: every pack with its length (so space accounting and compaction
/// never read a pack just to size it) and every build manifest with when it was last used (so using one does not
/// rewrite it). One small document, rewritten by every commit.
/// </summary>
internal sealed class CacheCatalog
{
    public const int FormatVersion = 1;
    private const uint Magic = 0x44544E53; // "STND" little-endian

    /// <summary>Pack ids are never reused, so an index entry can never point into a newer pack by mistake.</summary>
    public long NextPackId { get; set; } = 1;
    public SortedDictionary<long, int> Packs { get; } = [];
    public Dictionary<CacheKey, ManifestInfo> Manifests { get; } = [];

    public readonly record struct ManifestInfo(long UsedTicks, int Length);

    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        SealedBlob.Begin(buffer, Magic, FormatVersion);
        var w = new CanonicalWriter(buffer);
        w.WriteVarUInt((ulong)NextPackId);
        w.WriteVarUInt((ulong)Packs.Count);
        foreach (var (id, length) in Packs) { w.WriteVarUInt((ulong)id); w.WriteVarUInt((ulong)length); }
        w.WriteVarUInt((ulong)Manifests.Count);
        Span<byte> key = stackalloc byte[CacheKey.Size];
        foreach (var (id, info) in Manifests.OrderBy(m => m.Key.ToString(), StringComparer.Ordinal))
        {
            id.CopyTo(key);
            w.WriteFixed(key);
            w.WriteVarUInt((ulong)info.UsedTicks);
            w.WriteVarUInt((ulong)info.Length);
        }
        return SealedBlob.Seal(buffer);
    }

    public static bool TryDecode(ReadOnlySpan<byte> data, out CacheCatalog catalog)
    {
        catalog = new CacheCatalog();
        if (!SealedBlob.TryOpen(data, Magic, FormatVersion, out var body)) return false;
        var r = new CanonicalReader(body);
        if (!r.TryReadVarUInt(out var next) || next is 0 or > long.MaxValue || !r.TryReadCount(out int packs)) return false;
        catalog.NextPackId = (long)next;
        for (int i = 0; i < packs; i++)
        {
            if (!r.TryReadVarUInt(out var id) || !r.TryReadUInt32(out var length) || id >= next || length > int.MaxValue ||
                !catalog.Packs.TryAdd((long)id, (int)length)) return false;
        }
        if (!r.TryReadCount(out int manifests)) return false;
        for (int i = 0; i < manifests; i++)
        {
            if (!r.TryReadFixed(CacheKey.Size, out var key) || !r.TryReadVarUInt(out var used) || !r.TryReadUInt32(out var length) ||
                used > long.MaxValue || length > int.MaxValue ||
                !catalog.Manifests.TryAdd(new CacheKey(key), new ManifestInfo((long)used, (int)length))) return false;
        }
        return r.AtEnd;
    }
}
