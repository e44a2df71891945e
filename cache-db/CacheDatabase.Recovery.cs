using LiteDB;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

public sealed partial class CacheDatabase
{
    /// <summary>
    /// LiteDB 5 stops an engine for good after it meets a damaged page (every later call repeats the error), so
    /// reading on means opening the file again. Bounded, so a thoroughly broken file cannot stall a build.
    /// </summary>
    private const int MaxReopens = 16;

    private int _reopens;

    /// <summary>Called under the gate after a lookup failed inside LiteDB: gives the rest of the build a live engine.</summary>
    private void ReopenAfterFailure()
    {
        OpenedLiteDatabase.TryDispose(_db);
        _db = null;
        if (++_reopens > MaxReopens) return;
        _db = OpenedLiteDatabase.TryOpen(_files.Data, _options.ReadOnly, Now(), out _);
    }

    /// <summary>
    /// Copies every entry that can still be read and checks out into a new file, sets the damaged file aside
    /// and continues on the new one. Pending changes of the open build are kept. Called under the gate.
    /// </summary>
    private bool TryReplaceDamagedFile(string reason, out int lost)
    {
        lost = 0;
        OpenedLiteDatabase.TryDispose(_db);
        _db = null;
        var salvage = CacheFiles.For(_files.Data + ".salvage");
        int kept;
        try
        {
            DeleteIfExists(salvage.Data);
            DeleteIfExists(salvage.Journal);
            using var target = OpenedLiteDatabase.TryOpen(salvage.Data, readOnly: false, Now(), out var problem)
                ?? throw new IOException(problem);
            (kept, lost) = CopyReadable(target);
        }
        catch (Exception e) when (CacheFault.IsEnvironmental(e))
        {
            DeleteIfExists(salvage.Data);
            DeleteIfExists(salvage.Journal);
            _db = OpenedLiteDatabase.TryOpen(_files.Data, readOnly: false, Now(), out _);
            _warn($"Stencil cache '{Path}' is damaged ({reason}) and could not be salvaged ({OpenedLiteDatabase.Describe(e)}).");
            return false;
        }
        catch (Exception)
        {
            // Our bug, not more damage: the half-made copy goes, the damaged file stays where it is.
            DeleteIfExists(salvage.Data);
            DeleteIfExists(salvage.Journal);
            throw;
        }

        string aside;
        try
        {
            aside = CorruptFileQuarantine.MoveAside(_files, _options.Clock.GetUtcNow(), includeData: true);
            File.Move(salvage.Data, _files.Data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _db = OpenedLiteDatabase.TryOpen(_files.Data, readOnly: false, Now(), out _);
            _warn($"Stencil cache '{Path}' is damaged ({reason}) and could not be replaced ({e.Message}).");
            return false;
        }

        // The index in memory describes the old file's packs; the new file has its own.
        _state = null;
        _db = OpenedLiteDatabase.TryOpen(_files.Data, readOnly: false, Now(), out var reopenProblem);
        if (_db is null)
        {
            _warn($"Stencil cache '{Path}' was damaged ({reason}) and its replacement cannot be opened ({reopenProblem}); building without the cache.");
            return false;
        }
        _damaged = false;
        _warn($"Stencil cache '{Path}' was damaged ({reason}); it was moved to '{aside}' and {kept} intact entries were copied into a new cache ({lost} could not be).");
        return true;
    }

    /// <summary>
    /// Copies every entry whose payload can still be read and checks out, every readable manifest and the history into
    /// <paramref name="target"/>. Packs are read one at a time, reopening the source after a damaged page.
    /// </summary>
    private (int Kept, int Lost) CopyReadable(LiteDatabase target)
    {
        var reopens = 0;
        var source = OpenedLiteDatabase.TryOpen(_files.Data, readOnly: true, Now(), out var problem)
            ?? throw new IOException(problem);
        try
        {
            CacheState? state;
            try
            {
                state = _state ?? CacheState.Load(source);
            }
            catch (Exception e) when (CacheFault.IsEnvironmental(e))
            {
                // The index itself is unreadable: no payload can be matched to its key.
                state = null;
            }

            var copy = CacheState.Load(target);
            var writer = new PackWriter(copy.Catalog);
            var kept = 0;
            var lost = 0;
            target.BeginTrans();
            var byPack = state?.Entries.Values.GroupBy(e => e.Pack).OrderBy(g => g.Key).ToList() ?? [];
            for (int g = 0; g < byPack.Count; g++)
            {
                byte[]? pack;
                try
                {
                    pack = CacheSchema.BlobOf(source!.GetCollection(CacheSchema.PacksCollection).FindById(byPack[g].Key));
                }
                catch (Exception e) when (CacheFault.IsEnvironmental(e))
                {
                    pack = null;
                    OpenedLiteDatabase.TryDispose(source);
                    source = ++reopens <= MaxReopens ? OpenedLiteDatabase.TryOpen(_files.Data, readOnly: true, Now(), out _) : null;
                }
                foreach (var e in byPack[g])
                {
                    if (pack is null || (long)e.Offset + e.Length > pack.Length || !PayloadChecksum.Matches(pack.AsSpan(e.Offset, e.Length), e.Checksum))
                    {
                        lost++;
                        continue;
                    }
                    var (id, offset) = writer.Append(pack.AsSpan(e.Offset, e.Length));
                    copy.Add(new IndexEntry
                    {
                        Key = e.Key, Pack = id, Offset = offset, Length = e.Length, Checksum = e.Checksum, CreatedTicks = e.CreatedTicks,
                        LastHitTicks = e.LastHitTicks, Hits = e.Hits, Triple = e.Triple, BuildId = e.BuildId, Name = e.Name,
                    });
                    kept++;
                }
                if (source is null)
                {
                    lost += byPack.Skip(g + 1).Sum(rest => rest.Count());
                    break;
                }
            }
            writer.Flush(target);

            if (source is not null)
            {
                CopyOptional(() =>
                {
                    var manifests = target.GetCollection(CacheSchema.ManifestsCollection);
                    foreach (var doc in source.GetCollection(CacheSchema.ManifestsCollection).FindAll().ToList())
                    {
                        if (!doc["_id"].IsString || !CacheKey.TryParse(doc["_id"].AsString, out var id) || CacheSchema.BlobOf(doc) is not { } blob) continue;
                        manifests.Insert(doc);
                        var used = state?.Catalog.Manifests.TryGetValue(id, out var info) == true ? info.UsedTicks : 0;
                        copy.Catalog.Manifests[id] = new CacheCatalog.ManifestInfo(used, blob.Length);
                    }
                });
                CopyOptional(() =>
                {
                    var targetBuilds = target.GetCollection(CacheSchema.BuildsCollection, BsonAutoId.Int64);
                    foreach (var build in source.GetCollection(CacheSchema.BuildsCollection, BsonAutoId.Int64).FindAll().ToList())
                        targetBuilds.Insert(build);
                });
            }
            copy.CatalogDirty = true;
            copy.Save(target);
            target.Commit();
            target.Checkpoint();
            return (kept, lost);
        }
        finally
        {
            OpenedLiteDatabase.TryDispose(source);
        }
    }

    /// <summary>Manifests and history are hints and information; damage there is dropped rather than blocking a salvage.</summary>
    private static void CopyOptional(Action copy)
    {
        try { copy(); }
        catch (Exception e) when (CacheFault.IsEnvironmental(e))
        {
            // See above: what could not be copied is simply not in the new file.
        }
    }

    private static void DeleteIfExists(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover salvage file is overwritten or reported the next time it matters.
        }
    }
}
