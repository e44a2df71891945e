using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

/// <summary>
/// One cache entry as the index keeps it: where its payload lies in which pack, the payload's SHA-256 (LiteDB keeps
/// no page checksums, so without it a flipped bit on disk would come back as plausible machine code), and what the
/// inspection tools and the least-recently-used trim need. Mutable: a build records its hits here before committing.
/// </summary>
internal sealed class IndexEntry
{
    public required CacheKey Key { get; init; }
    public required long Pack { get; set; }
    public required int Offset { get; set; }
    public required int Length { get; init; }
    public required byte[] Checksum { get; init; }
    public required long CreatedTicks { get; init; }
    public long LastHitTicks { get; set; }
    public long Hits { get; set; }
    public required string Triple { get; init; }
    public required string BuildId { get; init; }
    /// <summary>The name the function had when it was last looked up or stored.</summary>
    public required string Name { get; set; }

    /// <summary>When the entry was last of use: its last hit, or its creation when it was never hit.</summary>
    public long LastUseTicks => LastHitTicks > 0 ? LastHitTicks : CreatedTicks;

    /// <summary>The index shard holding the entry: the first hex digit of its key.</summary>
    public int Shard => ShardOf(Key);

    public static int ShardOf(CacheKey key)
    {
        Span<byte> bytes = stackalloc byte[CacheKey.Size];
        key.CopyTo(bytes);
        return bytes[0] >> 4;
    }

    public CacheEntrySummary ToSummary() => new(
        Key.ToString(), Name, Length, Triple, CacheSchema.Time(CreatedTicks),
        LastHitTicks > 0 ? CacheSchema.Time(LastHitTicks) : null, Hits, BuildId);

    /// <summary>Orders keys as their hex spelling sorts, which is how the tools list them.</summary>
    public static int CompareKeys(CacheKey a, CacheKey b)
    {
        Span<byte> x = stackalloc byte[CacheKey.Size];
        Span<byte> y = stackalloc byte[CacheKey.Size];
        a.CopyTo(x);
        b.CopyTo(y);
        return x.SequenceCompareTo(y);
    }
}
