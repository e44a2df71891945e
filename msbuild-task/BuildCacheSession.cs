using Microsoft.Build.Utilities;
using Stencil.CacheDb;
using Stencil.Engine.Building;
using Stencil.Engine.Caching;

namespace Stencil.Build;

/// <summary>
/// The cache database for the length of one task run. A cache is an optimization: every problem with it
/// (unreadable file, locked file, failed commit) is a warning and the build goes on, with or without it.
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

    private BuildCacheSession(CacheDatabase database, CacheWarningQueue warnings)
    {
        _database = database;
        _warnings = warnings;
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
            return new BuildCacheSession(database, warnings);
        }
        catch (Exception ex)
        {
            warnings.Add($"The Stencil cache could not be opened; building without it. {ExceptionText.Describe(ex)}");
            return null;
        }
        finally
        {
            warnings.Flush();
        }
    }

    /// <summary>Writes the build's new entries and its history record; also reports what the cache warned about during the build.</summary>
    public void Commit(string projectName, DateTime startedUtc, ProjectBuildResult result)
    {
        try
        {
            _database.Commit(new BuildRecord(projectName, startedUtc, DateTime.UtcNow, result.Functions,
                result.Cached, result.Compiled, result.Deduplicated, result.ElapsedMs));
        }
        catch (Exception ex)
        {
            _warnings.Add($"The Stencil cache could not record this build. {ExceptionText.Describe(ex)}");
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
            _warnings.Add($"The Stencil cache could not be closed cleanly. {ExceptionText.Describe(ex)}");
        }
        _warnings.Flush();
    }
}
