using LiteDB;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

/// <summary>
/// A cache file's index and catalog as one build holds them in memory: read once (16 shards and one catalog), looked up
/// and updated in memory, and written back by the commit, shard by shard, only where something changed. Damaged
/// shards or a damaged catalog are reported and left out or rebuilt; an entry that points outside its pack is dropped.
/// Not thread-safe: <see cref="CacheDatabase"/> serializes access.
/// </summary>
internal sealed class CacheState
{
    private readonly Dictionary<long, StoredPack?> _packs = [];

    private CacheState(CacheCatalog catalog, Dictionary<CacheKey, IndexEntry> entries)
    {
        Catalog = catalog;
        Entries = entries;
    }

    public CacheCatalog Catalog { get; }
    public Dictionary<CacheKey, IndexEntry> Entries { get; }
    public bool[] DirtyShards { get; } = new bool[IndexShardCodec.Shards];
    public bool CatalogDirty { get; set; }
    /// <summary>Hits or last hits changed: the usage document must be written.</summary>
    public bool UsageDirty { get; set; }

    /// <summary>The seal of each shard's blob as stored (zeros where there is none): what usage is written against.</summary>
    private readonly byte[][] _shardSeals = [.. Enumerable.Range(0, IndexShardCodec.Shards).Select(_ => new byte[UsageCodec.SealSize])];

    /// <summary>
    /// Each shard's entries in key order, which is how shards and usage are written: kept from one commit to the next
    /// (entries are mutable, so hits show through), and rebuilt only for shards that changed, since sorting them all
    /// was most of the cost of a commit that only records hits.
    /// </summary>
    private readonly List<IndexEntry>[] _ordered = [.. Enumerable.Range(0, IndexShardCodec.Shards).Select(_ => new List<IndexEntry>())];

    /// <summary>What was wrong with the file's index or catalog when it was read, for one warning.</summary>
    public List<string> Problems { get; } = [];

    public long PayloadBytes => Entries.Values.Sum(e => (long)e.Length);

    public static CacheState Load(LiteDatabase db)
    {
        var problems = new List<string>();
        var catalogDoc = db.GetCollection(CacheSchema.MetaCollection).FindById(CacheSchema.CatalogId);
        CacheCatalog catalog;
        bool catalogDirty = false;
        if (catalogDoc is null && db.GetCollection(CacheSchema.PacksCollection).Count() == 0 && db.GetCollection(CacheSchema.ManifestsCollection).Count() == 0)
        {
            catalog = new CacheCatalog();
        }
        else if (CacheSchema.BlobOf(catalogDoc) is not { } blob || !CacheCatalog.TryDecode(blob, out catalog))
        {
            catalog = RebuildCatalog(db);
            catalogDirty = true;
            problems.Add("its catalog was damaged and was rebuilt from the packs");
        }

        var entries = new Dictionary<CacheKey, IndexEntry>();
        var dirty = new bool[IndexShardCodec.Shards];
        var shards = Enumerable.Range(0, IndexShardCodec.Shards).Select(_ => (Seal: new byte[UsageCodec.SealSize], Entries: (IReadOnlyList<IndexEntry>)[])).ToArray();
        foreach (var doc in db.GetCollection(CacheSchema.IndexCollection).FindAll())
        {
            var id = doc["_id"];
            if (!id.IsInt32 || id.AsInt32 is < 0 or >= IndexShardCodec.Shards) continue;
            int shard = id.AsInt32;
            if (CacheSchema.BlobOf(doc) is not { } data || !IndexShardCodec.TryDecode(data, out var shardEntries))
            {
                problems.Add($"index shard {shard:x} was damaged and its entries are lost");
                dirty[shard] = true;
                continue;
            }
            shards[shard] = (UsageCodec.SealOf(data), shardEntries);
            int dropped = 0;
            foreach (var e in shardEntries)
            {
                if (e.Shard != shard || !catalog.Packs.TryGetValue(e.Pack, out var packLength) ||
                    (long)e.Offset + e.Length > packLength || !entries.TryAdd(e.Key, e))
                {
                    dropped++;
                    continue;
                }
            }
            if (dropped > 0)
            {
                problems.Add($"{dropped} entries of index shard {shard:x} pointed outside the stored code and were dropped");
                dirty[shard] = true;
            }
        }

        var usage = CacheSchema.BlobOf(db.GetCollection(CacheSchema.MetaCollection).FindById(CacheSchema.UsageId));
        bool usageDirty = false;
        if (usage is not null && !UsageCodec.TryApply(usage, shards))
        {
            problems.Add("its hit counts were damaged and start again from zero");
            usageDirty = true;
        }

        var state = new CacheState(catalog, entries) { CatalogDirty = catalogDirty, UsageDirty = usageDirty };
        Array.Copy(dirty, state.DirtyShards, dirty.Length);
        for (int i = 0; i < shards.Length; i++)
        {
            state._shardSeals[i] = shards[i].Seal;
            state._ordered[i] = [.. shards[i].Entries];
        }
        state.Problems.AddRange(problems);
        return state;
    }

    /// <summary>The pack, read once per state; null when the pack document is missing or not a pack.</summary>
    /// <exception cref="LiteException">The file is damaged where the pack lies.</exception>
    public StoredPack? ReadPack(LiteDatabase db, long pack)
    {
        if (_packs.TryGetValue(pack, out var stored)) return stored;
        stored = CacheSchema.PackOf(db.GetCollection(CacheSchema.PacksCollection).FindById(pack));
        // Every use of a pack checks it; starting now lets the check run while LiteDB reads the next one.
        stored?.CheckSoon();
        _packs[pack] = stored;
        return stored;
    }

    /// <summary>
    /// The payload of <paramref name="entry"/> checked against its length and checksum, or null with what is wrong.
    /// <paramref name="raw"/> is whatever bytes the entry's place holds, for the inspection tools.
    /// </summary>
    public byte[]? ReadPayload(LiteDatabase db, IndexEntry entry, out string? problem, out byte[] raw)
    {
        raw = [];
        var pack = ReadPack(db, entry.Pack);
        if (pack is null) { problem = $"its pack {entry.Pack} is missing"; return null; }
        var payload = pack.Payload(entry, out problem);
        if ((long)entry.Offset + entry.Length <= pack.Data.Length) raw = pack.Data.AsSpan(entry.Offset, entry.Length).ToArray();
        return payload is null ? null : raw;
    }

    /// <summary>Forgets packs read so far (after they were rewritten or the file was replaced).</summary>
    public void ForgetPacks() => _packs.Clear();

    public void Add(IndexEntry entry)
    {
        Entries[entry.Key] = entry;
        DirtyShards[entry.Shard] = true;
    }

    public bool Remove(CacheKey key)
    {
        if (!Entries.Remove(key)) return false;
        DirtyShards[IndexEntry.ShardOf(key)] = true;
        return true;
    }

    public void MarkChanged(IndexEntry entry) => DirtyShards[entry.Shard] = true;

    /// <summary>Writes every changed shard, the usage and the catalog; the caller owns the transaction.</summary>
    public void Save(LiteDatabase db)
    {
        var index = db.GetCollection(CacheSchema.IndexCollection);
        bool anyShardDirty = DirtyShards.Any(d => d);
        if (anyShardDirty) ReorderDirtyShards();
        for (int shard = 0; shard < IndexShardCodec.Shards; shard++)
        {
            if (!DirtyShards[shard]) continue;
            var blob = IndexShardCodec.Encode(_ordered[shard]);
            index.Upsert(CacheSchema.Blob(shard, blob));
            _shardSeals[shard] = UsageCodec.SealOf(blob);
        }
        if (UsageDirty || anyShardDirty)
        {
            var usage = UsageCodec.Encode([.. Enumerable.Range(0, IndexShardCodec.Shards).Select(s => (_shardSeals[s], (IReadOnlyList<IndexEntry>)_ordered[s]))]);
            db.GetCollection(CacheSchema.MetaCollection).Upsert(CacheSchema.Blob(CacheSchema.UsageId, usage));
        }
        // Packs are added only together with the entries in them, so a changed shard may mean a changed catalog.
        if (CatalogDirty || anyShardDirty)
            db.GetCollection(CacheSchema.MetaCollection).Upsert(CacheSchema.Blob(CacheSchema.CatalogId, Catalog.Encode()));
    }

    /// <summary>Lists the entries of every changed shard again, in key order; the others keep the order they were read or last written in.</summary>
    private void ReorderDirtyShards()
    {
        for (int shard = 0; shard < IndexShardCodec.Shards; shard++)
            if (DirtyShards[shard]) _ordered[shard] = [];
        foreach (var e in Entries.Values)
            if (DirtyShards[e.Shard]) _ordered[e.Shard].Add(e);
        for (int shard = 0; shard < IndexShardCodec.Shards; shard++)
            if (DirtyShards[shard]) _ordered[shard].Sort((a, b) => IndexEntry.CompareKeys(a.Key, b.Key));
    }

    /// <summary>Marks everything written, once the transaction that <see cref="Save"/> joined has committed.</summary>
    public void Saved()
    {
        Array.Clear(DirtyShards);
        CatalogDirty = false;
        UsageDirty = false;
    }

    /// <summary>A catalog made from what the file holds: every pack's length, every manifest's length (never used).</summary>
    private static CacheCatalog RebuildCatalog(LiteDatabase db)
    {
        var catalog = new CacheCatalog();
        long max = 0;
        foreach (var doc in db.GetCollection(CacheSchema.PacksCollection).FindAll())
        {
            if (!doc["_id"].IsInt64 || CacheSchema.BlobOf(doc) is not { } data) continue;
            var id = doc["_id"].AsInt64;
            catalog.Packs[id] = data.Length;
            max = Math.Max(max, id);
        }
        catalog.NextPackId = max + 1;
        foreach (var doc in db.GetCollection(CacheSchema.ManifestsCollection).FindAll())
        {
            if (!doc["_id"].IsString || !CacheKey.TryParse(doc["_id"].AsString, out var id) || CacheSchema.BlobOf(doc) is not { } data) continue;
            catalog.Manifests[id] = new CacheCatalog.ManifestInfo(0, data.Length);
        }
        return catalog;
    }
}
