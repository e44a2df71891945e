using LiteDB;

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
        catch (Exception e)
        {
            DeleteIfExists(salvage.Data);
            DeleteIfExists(salvage.Journal);
            _db = OpenedLiteDatabase.TryOpen(_files.Data, readOnly: false, Now(), out _);
            _warn($"Stencil cache '{Path}' is damaged ({reason}) and could not be salvaged ({OpenedLiteDatabase.Describe(e)}).");
            return false;
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

    private (int Kept, int Lost) CopyReadable(LiteDatabase target)
    {
        var reopens = 0;
        var source = OpenedLiteDatabase.TryOpen(_files.Data, readOnly: true, Now(), out var problem)
            ?? throw new IOException(problem);
        try
        {
            List<BsonValue> ids;
            try
            {
                ids = source.GetCollection(CacheSchema.EntriesCollection).FindAll().Select(entry => entry["_id"]).ToList();
            }
            catch (Exception)
            {
                // The metadata itself is unreadable: no payload can be matched to its entry.
                ids = [];
            }

            var kept = 0;
            var lost = 0;
            target.BeginTrans();
            var targetEntries = target.GetCollection(CacheSchema.EntriesCollection);
            var targetPayloads = target.GetCollection(CacheSchema.PayloadsCollection);
            for (var i = 0; i < ids.Count; i++)
            {
                try
                {
                    var entry = source.GetCollection(CacheSchema.EntriesCollection).FindById(ids[i]);
                    var payload = source.GetCollection(CacheSchema.PayloadsCollection).FindById(ids[i]);
                    if (entry is null || payload is null || CacheSchema.CheckPayload(payload, out _) is not null)
                    {
                        lost++;
                        continue;
                    }
                    targetPayloads.Insert(payload);
                    targetEntries.Insert(entry);
                    kept++;
                }
                catch (Exception)
                {
                    lost++;
                    OpenedLiteDatabase.TryDispose(source);
                    source = ++reopens <= MaxReopens
                        ? OpenedLiteDatabase.TryOpen(_files.Data, readOnly: true, Now(), out _)
                        : null;
                    if (source is null)
                    {
                        lost += ids.Count - i - 1;
                        break;
                    }
                }
            }

            if (source is not null)
            {
                var targetBuilds = target.GetCollection(CacheSchema.BuildsCollection, BsonAutoId.Int64);
                try
                {
                    foreach (var build in source.GetCollection(CacheSchema.BuildsCollection, BsonAutoId.Int64).FindAll().ToList())
                        targetBuilds.Insert(build);
                }
                catch (Exception)
                {
                    // History is informative; a damaged history is dropped rather than blocking the salvage.
                }
            }
            target.Commit();
            target.Checkpoint();
            return (kept, lost);
        }
        finally
        {
            OpenedLiteDatabase.TryDispose(source);
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
