using LiteDB;

namespace Stencil.CacheDb;

/// <summary>
/// The open-or-recover procedure behind <see cref="CacheDatabase.TryOpen"/>. A cache is an optimization: whatever
/// is wrong with its files ends in a warning and either a fresh cache or no cache, never an exception; a bug of ours
/// (see <see cref="CacheFault"/>) propagates before anything is set aside for it.
/// </summary>
internal static class CacheDatabaseOpener
{
    public static CacheDatabase? Open(string path, Action<string> warn, CacheOpenOptions options)
    {
        CacheFiles files;
        try
        {
            files = CacheFiles.For(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or IOException or System.Security.SecurityException)
        {
            warn($"Stencil cache '{path}' cannot be used: the path is not valid ({e.Message}).");
            return null;
        }

        try
        {
            return options.ReadOnly ? OpenReadOnly(files, warn, options) : OpenWritable(files, warn, options);
        }
        catch (Exception e) when (CacheFault.IsEnvironmental(e))
        {
            // Anything the steps below did not anticipate, such as a file vanishing between two checks.
            warn($"Stencil cache '{files.Data}' cannot be used: {OpenedLiteDatabase.Describe(e)}.");
            return null;
        }
    }

    private static CacheDatabase? OpenReadOnly(CacheFiles files, Action<string> warn, CacheOpenOptions options)
    {
        if (!File.Exists(files.Data))
        {
            warn($"Stencil cache '{files.Data}' does not exist.");
            return null;
        }

        var fileLock = CacheFileLock.TryAcquire(files.Lock, shared: true, options.LockTimeout, out var lockProblem, out var busy);
        if (fileLock is null)
        {
            warn(busy
                ? $"Stencil cache busy: '{files.Data}' cannot be read because {lockProblem}."
                : $"Stencil cache '{files.Data}' cannot be read: {lockProblem}.");
            return null;
        }

        string? problem;
        LiteDatabase? db = null;
        CacheState? state = null;
        try
        {
            var hasJournal = CacheFiles.LengthOf(files.Journal) > 0;
            problem = DataFileInspector.InspectDataFile(files.Data, hasJournal)
                ?? (hasJournal ? DataFileInspector.InspectJournal(files.Journal, files.Data) : null);
            if (problem is null)
                db = OpenedLiteDatabase.TryOpen(files.Data, readOnly: true, options.Clock.GetUtcNow().UtcDateTime, out problem, out state);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = OpenedLiteDatabase.Describe(e);
        }
        if (db is null)
        {
            fileLock.Dispose();
            warn($"Stencil cache '{files.Data}' cannot be read: {problem}. Opening it for a build sets it aside and starts a new one.");
            return null;
        }
        return new CacheDatabase(files, db, fileLock, options, warn, state);
    }

    private static CacheDatabase? OpenWritable(CacheFiles files, Action<string> warn, CacheOpenOptions options)
    {
        try
        {
            Directory.CreateDirectory(files.Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn($"Stencil cache '{files.Data}' cannot be created: {e.Message}; building without the cache.");
            return null;
        }

        var fileLock = CacheFileLock.TryAcquire(files.Lock, shared: false, options.LockTimeout, out var lockProblem, out var busy);
        if (fileLock is null)
        {
            // A shared cache is busy whenever another project's build holds it; that build is not an error.
            warn(busy
                ? $"Stencil cache busy: '{files.Data}' cannot be opened because {lockProblem}; building without the cache."
                : $"Stencil cache '{files.Data}' cannot be opened: {lockProblem}; building without the cache.");
            return null;
        }

        LiteDatabase? db;
        CacheState? state;
        try
        {
            (db, state) = OpenOrRecover(files, warn, options);
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
        if (db is null)
        {
            fileLock.Dispose();
            return null;
        }
        return new CacheDatabase(files, db, fileLock, options, warn, state);
    }

    private static (LiteDatabase?, CacheState?) OpenOrRecover(CacheFiles files, Action<string> warn, CacheOpenOptions options)
    {
        var now = options.Clock.GetUtcNow();

        if (File.Exists(files.Journal) && !File.Exists(files.Data))
        {
            // LiteDB would replay it into a new, empty data file and produce pages that point nowhere.
            try
            {
                File.Delete(files.Journal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                warn($"Stencil cache '{files.Data}' cannot be created: a journal without its data file is left at '{files.Journal}' and cannot be removed ({e.Message}); building without the cache.");
                return (null, null);
            }
            warn($"Stencil cache '{files.Data}': removed the journal '{files.Journal}', whose data file no longer exists.");
        }

        if (File.Exists(files.Journal))
        {
            var journalProblem = CacheFiles.LengthOf(files.Journal) == 0
                ? null
                : DataFileInspector.InspectJournal(files.Journal, files.Data);
            if (journalProblem is not null)
            {
                if (!TryMoveAside(files, now, includeData: false, warn, out var aside)) return (null, null);
                warn($"Stencil cache '{files.Data}': its journal was discarded because {journalProblem}; it was moved to '{aside}.log' and the changes of the last build, if any, are lost.");
            }
        }

        string? problem = null;
        if (File.Exists(files.Data))
        {
            problem = DataFileInspector.InspectDataFile(files.Data, pagesMayBeInJournal: File.Exists(files.Journal));
            if (problem is null)
            {
                var db = OpenedLiteDatabase.TryOpen(files.Data, readOnly: false, now.UtcDateTime, out problem, out var state);
                if (db is not null) return (db, state);

                if (File.Exists(files.Journal))
                {
                    // Without its journal the data file is the state of the last checkpoint, which is consistent.
                    if (!TryMoveAside(files, now, includeData: false, warn, out var aside)) return (null, null);
                    db = OpenedLiteDatabase.TryOpen(files.Data, readOnly: false, now.UtcDateTime, out var withoutJournal, out state);
                    if (db is not null)
                    {
                        warn($"Stencil cache '{files.Data}': its journal could not be replayed ({problem}); it was moved to '{aside}.log' and the changes of the last build, if any, are lost.");
                        return (db, state);
                    }
                    problem = withoutJournal;
                }
            }
        }

        if (problem is not null)
        {
            if (!TryMoveAside(files, now, includeData: true, warn, out var aside, problem)) return (null, null);
            warn($"Stencil cache '{files.Data}' was unusable because {problem}; it was moved to '{aside}' and a new cache was started.");
        }

        var fresh = OpenedLiteDatabase.TryOpen(files.Data, readOnly: false, now.UtcDateTime, out var freshProblem);
        if (fresh is null)
            warn($"Stencil cache '{files.Data}' cannot be created ({freshProblem}); building without the cache.");
        return (fresh, null);
    }

    private static bool TryMoveAside(CacheFiles files, DateTimeOffset now, bool includeData, Action<string> warn,
        out string aside, string? problem = null)
    {
        try
        {
            aside = CorruptFileQuarantine.MoveAside(files, now, includeData);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            aside = "";
            var why = problem is null ? "" : $" is unusable because {problem} and";
            warn($"Stencil cache '{files.Data}'{why} cannot be moved aside ({e.Message}); building without the cache.");
            return false;
        }
    }
}
