using LiteDB;

namespace Stencil.CacheDb;

/// <summary>Opens one cache file with LiteDB and checks it is a usable Stencil cache.</summary>
internal static class OpenedLiteDatabase
{
    /// <summary>
    /// Opens <paramref name="dataPath"/> in Direct mode (one process, no shared-mode mutex, which does not exist
    /// on every platform; for writing, over <see cref="CacheLiteDatabase"/>'s own file streams) and validates it;
    /// initializes an empty file. Returns null and a reason when the file or the machine is at fault (see <see cref="CacheFault"/>); anything else propagates.
    /// </summary>
    public static LiteDatabase? TryOpen(string dataPath, bool readOnly, DateTime nowUtc, out string? problem) =>
        TryOpen(dataPath, readOnly, nowUtc, out problem, out _);

    /// <summary>As above, also giving the index and catalog, which are read to check the file anyway.</summary>
    public static LiteDatabase? TryOpen(string dataPath, bool readOnly, DateTime nowUtc, out string? problem, out CacheState? state)
    {
        state = null;
        LiteDatabase? db = null;
        try
        {
            db = readOnly
                ? new LiteDatabase(new ConnectionString { Filename = dataPath, Connection = ConnectionType.Direct, ReadOnly = true })
                : CacheLiteDatabase.Open(dataPath);
            problem = Validate(db, dataPath, readOnly, nowUtc, out state);
            if (problem is null) return db;
        }
        catch (Exception e) when (CacheFault.IsEnvironmental(e))
        {
            problem = Describe(e);
        }
        catch (Exception)
        {
            // Our bug: the file is not to blame, so nothing may set it aside for it.
            TryDispose(db);
            throw;
        }
        TryDispose(db);
        return null;
    }

    private static string? Validate(LiteDatabase db, string dataPath, bool readOnly, DateTime nowUtc, out CacheState? state)
    {
        state = null;
        var names = db.GetCollectionNames().ToList();
        if (names.Count == 0)
        {
            if (readOnly) return null;
            db.GetCollection(CacheSchema.MetaCollection).Upsert(CacheSchema.NewMeta(nowUtc));
            db.Checkpoint();
            return null;
        }

        var meta = names.Contains(CacheSchema.MetaCollection, StringComparer.OrdinalIgnoreCase)
            ? db.GetCollection(CacheSchema.MetaCollection).FindById(CacheSchema.MetaId)
            : null;
        var reason = CacheSchema.CheckMeta(meta);
        if (reason is not null) return reason;

        // Read the index and catalog and touch the other collections' indexes now, so that a damaged page is found
        // here, where the file can still be set aside, rather than in the middle of a build.
        state = CacheState.Load(db);
        db.GetCollection(CacheSchema.PacksCollection).Count();
        db.GetCollection(CacheSchema.ManifestsCollection).Count();
        db.GetCollection(CacheSchema.BuildsCollection).Count();

        if (readOnly) return null;
        // Fold a replayed journal into the data file so that the file can be checked on its own.
        db.Checkpoint();
        return DataFileInspector.InspectDataFile(dataPath, pagesMayBeInJournal: false);
    }

    public static string Describe(Exception e) => e switch
    {
        LiteException => $"LiteDB: {FirstLine(e.Message)}",
        IOException or UnauthorizedAccessException => FirstLine(e.Message),
        _ => $"{e.GetType().Name}: {FirstLine(e.Message)}",
    };

    public static void TryDispose(LiteDatabase? db)
    {
        try { db?.Dispose(); }
        catch (Exception)
        {
            // Closing a database that already failed may fail again; the handle is released either way.
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
