using Stencil.Engine.Caching;
using System.Buffers;
using System.Security.Cryptography;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

/// <summary>
/// Binary form of one index shard: a string table (triples and compiler build ids repeat across entries), then the
/// entries ordered by key, then a SHA-256 of all of it so a damaged shard is noticed instead of misread. What changes
/// with every build (hits, last hit) is not here but in <see cref="UsageCodec"/>, so a build that only reuses entries
/// rewrites a few bytes per entry instead of every shard.
/// </summary>
internal static class IndexShardCodec
{
    public const int FormatVersion = 1;
    private const uint Magic = 0x49544E53; // "STNI" little-endian

    public const int Shards = 16;

    /// <param name="ordered">The shard's entries in key order (<see cref="IndexEntry.CompareKeys"/>).</param>
    public static byte[] Encode(IReadOnlyList<IndexEntry> ordered)
    {
        var strings = new List<string>();
        var stringIds = new Dictionary<string, int>(StringComparer.Ordinal);
        int Intern(string s)
        {
            if (!stringIds.TryGetValue(s, out var id)) { id = strings.Count; strings.Add(s); stringIds.Add(s, id); }
            return id;
        }
        foreach (var e in ordered) { Intern(e.Triple); Intern(e.BuildId); }

        var buffer = new ArrayBufferWriter<byte>(64 + ordered.Count * 128);
        SealedBlob.Begin(buffer, Magic, FormatVersion);
        var w = new CanonicalWriter(buffer);
        w.WriteVarUInt((ulong)strings.Count);
        foreach (var s in strings) w.WriteString(s);
        w.WriteVarUInt((ulong)ordered.Count);
        Span<byte> key = stackalloc byte[CacheKey.Size];
        foreach (var e in ordered)
        {
            e.Key.CopyTo(key);
            w.WriteFixed(key);
            w.WriteVarUInt((ulong)e.Pack);
            w.WriteVarUInt((ulong)e.Offset);
            w.WriteVarUInt((ulong)e.Length);
            w.WriteFixed(e.Checksum);
            w.WriteVarUInt((ulong)e.CreatedTicks);
            w.WriteVarUInt((ulong)stringIds[e.Triple]);
            w.WriteVarUInt((ulong)stringIds[e.BuildId]);
            w.WriteString(e.Name);
        }
        return SealedBlob.Seal(buffer);
    }

    /// <summary>The entries of a shard in key order, or false when it is damaged in any way.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out List<IndexEntry> entries)
    {
        entries = [];
        if (!SealedBlob.TryOpen(data, Magic, FormatVersion, out var body)) return false;
        var r = new CanonicalReader(body);
        if (!r.TryReadCount(out int stringCount)) return false;
        var strings = new string[stringCount];
        for (int i = 0; i < stringCount; i++) if (!r.TryReadString(out strings[i])) return false;
        if (!r.TryReadCount(out int count)) return false;
        entries = new List<IndexEntry>(count);
        for (int i = 0; i < count; i++)
        {
            if (!r.TryReadFixed(CacheKey.Size, out var key) ||
                !r.TryReadVarUInt(out var pack) || !r.TryReadUInt32(out var offset) || !r.TryReadUInt32(out var length) ||
                !r.TryReadFixed(SHA256.HashSizeInBytes, out var checksum) ||
                !r.TryReadVarUInt(out var created) ||
                !r.TryReadUInt32(out var triple) || !r.TryReadUInt32(out var buildId) || !r.TryReadString(out var name) ||
                pack > long.MaxValue || offset > int.MaxValue || length > int.MaxValue || created > long.MaxValue ||
                triple >= stringCount || buildId >= stringCount)
                return false;
            entries.Add(new IndexEntry
            {
                Key = new CacheKey(key),
                Pack = (long)pack,
                Offset = (int)offset,
                Length = (int)length,
                Checksum = checksum.ToArray(),
                CreatedTicks = (long)created,
                Triple = strings[triple],
                BuildId = strings[buildId],
                Name = name,
            });
        }
        return r.AtEnd;
    }
}
