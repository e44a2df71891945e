using System.Runtime.InteropServices;
using LiteDB;

namespace Stencil.CacheDb;

/// <summary>
/// Keeps the packs of a cache file tight: removes packs no entry uses, and rewrites packs that are mostly dead space
/// or too small to be worth a read of their own, moving their live payloads into new packs. Runs inside a commit, so
/// the file is never left with entries pointing at a removed pack.
/// </summary>
internal static class PackCollector
{
    /// <summary>Packs below this size are merged once there are <see cref="SmallPacksToMerge"/> of them (one-edit builds make tiny packs).</summary>
    public const int SmallPackBytes = 64 * 1024;
    public const int SmallPacksToMerge = 8;

    /// <summary>Returns how many entries were lost because their pack could not be read or their payload did not check out.</summary>
    public static int Collect(LiteDatabase db, CacheState state)
    {
        var live = new Dictionary<long, long>();
        foreach (var e in state.Entries.Values) CollectionsMarshal.GetValueRefOrAddDefault(live, e.Pack, out _) += e.Length;

        var packs = db.GetCollection(CacheSchema.PacksCollection);
        var existing = state.Catalog.Packs.Keys.ToList();
        var small = state.Catalog.Packs.Where(p => p.Value < SmallPackBytes && live.ContainsKey(p.Key)).Select(p => p.Key).ToList();
        var rewrite = new SortedSet<long>(state.Catalog.Packs
            .Where(p => live.TryGetValue(p.Key, out var bytes) && bytes * 2 < p.Value)
            .Select(p => p.Key));
        if (small.Count >= SmallPacksToMerge) rewrite.UnionWith(small);

        // Most commits rewrite nothing, so entries are grouped by pack only when some pack is to be rewritten.
        var byPack = rewrite.ToDictionary(pack => pack, _ => new List<IndexEntry>());
        if (byPack.Count > 0)
            foreach (var e in state.Entries.Values)
                if (byPack.TryGetValue(e.Pack, out var list)) list.Add(e);

        int lost = 0;
        var writer = new PackWriter(state.Catalog);
        foreach (var pack in rewrite)
        {
            StoredPack? stored;
            try { stored = state.ReadPack(db, pack); }
            catch (LiteException) { stored = null; }
            foreach (var e in byPack[pack].OrderBy(e => e.Offset))
            {
                // The new pack's seal vouches for what is copied into it, so a damaged payload must not be.
                if (stored?.Payload(e, out _) is not { } payload)
                {
                    state.Remove(e.Key);
                    lost++;
                    continue;
                }
                (e.Pack, e.Offset) = writer.Append(payload.Span);
                state.MarkChanged(e);
            }
        }
        writer.Flush(db);

        foreach (var pack in existing)
        {
            if (live.ContainsKey(pack) && !rewrite.Contains(pack)) continue;
            packs.Delete(pack);
            state.Catalog.Packs.Remove(pack);
            state.CatalogDirty = true;
        }
        if (rewrite.Count > 0) state.CatalogDirty = true;
        return lost;
    }

    /// <summary>Removes least-recently-used entries until the payloads take at most <paramref name="maxBytes"/>; returns how many.</summary>
    public static int Trim(CacheState state, long maxBytes)
    {
        var total = state.PayloadBytes;
        if (total <= maxBytes) return 0;
        int removed = 0;
        foreach (var e in state.Entries.Values
                     .OrderBy(e => e.LastUseTicks)
                     .ThenBy(e => e.CreatedTicks)
                     .ThenBy(e => e.Key.ToString(), StringComparer.Ordinal)
                     .ToList())
        {
            if (total <= maxBytes) break;
            state.Remove(e.Key);
            total -= e.Length;
            removed++;
        }
        return removed;
    }
}
