using System.Buffers;
using Stencil.Engine.Caching;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

/// <summary>
/// Binary form of what every build changes: each entry's hit count and last hit, in one small document. Entries are
/// not named in it but listed shard by shard in the order of their shard's blob, and each shard's part starts with
/// that blob's seal, so usage is only ever applied to the exact shard it was written with. Last hits are indexes into
/// a table of distinct times (a build stamps all its hits with one), which keeps a record at two or three bytes.
/// </summary>
internal static class UsageCodec
{
    public const int FormatVersion = 1;
    private const uint Magic = 0x55544E53; // "STNU" little-endian
    public const int SealSize = 32;

    /// <param name="shards">Per shard: the seal of its blob as stored, and its entries in key order.</param>
    public static byte[] Encode(IReadOnlyList<(byte[] Seal, IReadOnlyList<IndexEntry> Entries)> shards)
    {
        var times = new Dictionary<long, int>();
        var table = new List<long>();
        foreach (var (_, entries) in shards)
            foreach (var e in entries)
                if (e.LastHitTicks > 0 && times.TryAdd(e.LastHitTicks, table.Count)) table.Add(e.LastHitTicks);

        var buffer = new ArrayBufferWriter<byte>(1024);
        SealedBlob.Begin(buffer, Magic, FormatVersion);
        var w = new CanonicalWriter(buffer);
        w.WriteVarUInt((ulong)table.Count);
        foreach (var t in table) w.WriteVarUInt((ulong)t);
        w.WriteVarUInt((ulong)shards.Count);
        foreach (var (seal, entries) in shards)
        {
            w.WriteFixed(seal);
            w.WriteVarUInt((ulong)entries.Count);
            foreach (var e in entries)
            {
                w.WriteVarUInt(e.LastHitTicks > 0 ? (ulong)times[e.LastHitTicks] + 1 : 0);
                w.WriteVarUInt((ulong)e.Hits);
            }
        }
        return SealedBlob.Seal(buffer);
    }

    /// <summary>
    /// Sets the hits and last hit of <paramref name="shards"/>' entries (as decoded, in key order) from a usage blob.
    /// Returns false when the blob is damaged; a shard whose seal or count does not match is left at zero hits.
    /// </summary>
    public static bool TryApply(ReadOnlySpan<byte> data, IReadOnlyList<(byte[] Seal, IReadOnlyList<IndexEntry> Entries)> shards)
    {
        if (!SealedBlob.TryOpen(data, Magic, FormatVersion, out var body)) return false;
        var r = new CanonicalReader(body);
        if (!r.TryReadCount(out int n)) return false;
        var table = new long[n];
        for (int i = 0; i < n; i++)
        {
            if (!r.TryReadVarUInt(out var t) || t > long.MaxValue) return false;
            table[i] = (long)t;
        }
        if (!r.TryReadCount(out int shardCount)) return false;
        for (int s = 0; s < shardCount; s++)
        {
            if (!r.TryReadFixed(SealSize, out var seal) || !r.TryReadCount(out int count)) return false;
            var target = s < shards.Count && shards[s].Seal.AsSpan().SequenceEqual(seal) && shards[s].Entries.Count == count ? shards[s].Entries : null;
            for (int i = 0; i < count; i++)
            {
                if (!r.TryReadVarUInt(out var time) || time > (ulong)n || !r.TryReadVarUInt(out var hits) || hits > long.MaxValue) return false;
                if (target is null) continue;
                target[i].LastHitTicks = time == 0 ? 0 : table[time - 1];
                target[i].Hits = (long)hits;
            }
        }
        return r.AtEnd;
    }

    /// <summary>The seal a shard blob ends with (all zeros for a shard that has no document).</summary>
    public static byte[] SealOf(byte[]? blob) =>
        blob is { Length: >= SealSize } ? blob[^SealSize..] : new byte[SealSize];
}
