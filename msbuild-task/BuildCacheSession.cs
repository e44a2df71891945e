using Microsoft.Build.Utilities;
using Stencil.CacheDb;
using Stencil.Engine.Building;
using Stencil.Engine.Caching;

namespace Stencil.Build;

/// <summary>
/// The cache database for the length of one task run. A cache is an optimization: every problem with its file
/// (unreadable file, locked file, failed commit) is a warning and the build goes on, with or without it. A bug in the
/// cache's code is error STN9002 instead, and the file is left as it was.
/// <para>
/// The file and its lock are held from <see cref="Open"/> to <see cref="Dispose"/> and no longer: MSBuild keeps its
/// worker processes alive between builds, and a handle kept across builds would lock a shared cache against every
/// other project. The build's changes reach the file in one transaction, followed by a checkpoint, at
/// <see cref="Commit"/>; a build that is canceled or crashes before that leaves the file as it was.
/// </para>
/// </summary>
internal sealed class BuildCacheSession : IDisposable
{
    private readonly CacheDatabase _database;
    private readonly CacheWarningQueue _warnings;
    private readonly TaskLoggingHelper _log;

    private BuildCacheSession(CacheDatabase database, CacheWarningQueue warnings, TaskLoggingHelper log)
    {
        _database = database;
        _warnings = warnings;
        _log = log;
    }

    public ICacheStore Store => _database;

    /// <param name="lockTimeout">How long to wait for another build that holds the cache (a shared one, typically).</param>
    /// <param name="maxBytes">When set, each commit trims least-recently-used entries down to this many payload bytes.</param>
    public static BuildCacheSession? Open(string cacheFile, TimeSpan lockTimeout, long? maxBytes, TaskLoggingHelper log)
    {
        var path = Path.GetFullPath(cacheFile);
        var warnings = new CacheWarningQueue(log, path);
        try
        {
            var options = new CacheOpenOptions { LockTimeout = lockTimeout, MaxBytes = maxBytes };
            var database = CacheDatabase.TryOpen(path, warnings.Add, options);
            if (database is null)
            {
                if (!warnings.HasWarned)
                    warnings.Add("The Stencil cache could not be opened; building without it.");
                return null;
            }
            database.BeginBuild();
            return new BuildCacheSession(database, warnings, log);
        }
        catch (Exception ex)
        {
            // The cache warns about its file and returns null; what it throws is a bug.
            DiagnosticReporter.Report(log, InternalErrors.InCache(ex));
            return null;
        }
        finally
        {
            warnings.Flush();
        }
    }

    /// <summary>
    /// Writes the build's new entries and its history record; also reports what the cache warned about during the build.
    /// After a bug surfaced in the cache (error STN9002), the cache writes nothing.
    /// </summary>
    public void Commit(string projectName, DateTime startedUtc, ProjectBuildResult result)
    {
        _warnings.Flush();
        try
        {
            _database.Commit(new BuildRecord(projectName, startedUtc, DateTime.UtcNow, result.Functions,
                result.Cached, result.Compiled, result.Deduplicated, result.ElapsedMs));
        }
        catch (Exception ex)
        {
            DiagnosticReporter.Report(_log, InternalErrors.InCache(ex));
        }
        _warnings.Flush();
    }

    public void Dispose()
    {
        try
        {
            _database.Dispose();
        }
        catch (Exception ex)
        {
            DiagnosticReporter.Report(_log, InternalErrors.InCache(ex));
        }
        _warnings.Flush();
    }
}
