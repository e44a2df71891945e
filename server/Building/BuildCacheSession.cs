using Stencil.CacheDb;
using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.RemoteCache;

namespace Stencil.Server.Building;

/// <summary>
/// The cache database for the length of one task run. A cache is an optimization: every problem with its file
/// (unreadable file, locked file, failed commit) is a warning and the build goes on, with or without it. A bug in the
/// cache's code is error STN9002 instead, and the file is left as it was.
/// <para>
/// The file and its lock are held from <see cref="Open"/> to <see cref="Dispose"/> and no longer: MSBuild's worker
/// processes and the compiler server outlive builds, and a handle kept across builds would lock a shared cache against
/// every other project (and against the in-process fallback). The build's changes reach the file in one transaction, followed by a checkpoint, at
/// <see cref="Commit"/>; a build that is canceled or crashes before that leaves the file as it was.
/// </para>
/// <para>
/// With a remote cache, the local one is put in front of it (<see cref="TieredCacheStore"/>); what the build
/// compiled is published after the local commit. Remote trouble is one STN4040 warning, never a failed build.
/// </para>
/// </summary>
internal sealed class BuildCacheSession : IDisposable
{
    private readonly CacheDatabase _database;
    private readonly CacheWarningQueue _warnings;
    private readonly BuildLog _log;
    private readonly TieredCacheStore? _tiered;
    private readonly RemoteCacheSettings? _remote;
    private readonly CacheWarningQueue? _remoteWarnings;
    private bool _faulted;

    private BuildCacheSession(CacheDatabase database, CacheWarningQueue warnings, RemoteCacheSettings? remote, BuildLog log)
    {
        _database = database;
        _warnings = warnings;
        _log = log;
        if (remote is null) return;
        _remote = remote;
        _remoteWarnings = new CacheWarningQueue(log, null, BuildDiagnosticCodes.RemoteCacheWarning);
        _tiered = remote.Open(database, _remoteWarnings.Add);
    }

    public ICacheStore Store => _tiered ?? (ICacheStore)_database;

    /// <summary>The result as the build's summary should tell it: remote hits apart from local ones.</summary>
    public ProjectBuildResult Describe(ProjectBuildResult result) =>
        _tiered is null ? result : result with { RemoteHits = _tiered.Counts.Hits };

    /// <param name="lockTimeout">How long to wait for another build that holds the cache (a shared one, typically).</param>
    /// <param name="maxBytes">When set, each commit trims least-recently-used entries down to this many payload bytes.</param>
    /// <param name="remote">The remote cache behind the local one, if any.</param>
    public static BuildCacheSession? Open(string cacheFile, TimeSpan lockTimeout, long? maxBytes, RemoteCacheSettings? remote, BuildLog log)
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
            return new BuildCacheSession(database, warnings, remote, log);
        }
        catch (Exception ex)
        {
            // The cache warns about its file and returns null; what it throws is a bug.
            DiagnosticLog.Report(log, InternalErrors.InCache(ex));
            return null;
        }
        finally
        {
            warnings.Flush();
        }
    }

    /// <summary>
    /// Writes the build's new entries and its history record, then publishes them to the remote cache; also reports
    /// what the caches warned about during the build. After a bug surfaced in the cache (error STN9002), the cache
    /// writes nothing and nothing is published.
    /// </summary>
    public void Commit(string projectName, DateTime startedUtc, ProjectBuildResult result)
    {
        _warnings.Flush();
        var remote = _tiered?.Counts ?? default;
        try
        {
            _database.Commit(new BuildRecord(projectName, startedUtc, DateTime.UtcNow, result.Functions,
                result.Cached, result.Compiled, result.Deduplicated, result.ElapsedMs, remote.Hits, remote.Misses));
        }
        catch (Exception ex)
        {
            DiagnosticLog.Report(_log, InternalErrors.InCache(ex));
            _faulted = true;
        }
        _warnings.Flush();
        if (!_faulted) _tiered?.Publish(_remote!.Address.PublishTimeout);
        _remoteWarnings?.Flush();
    }

    /// <summary>What the remote cache did in this build, for the log; null without one.</summary>
    public string? RemoteReport => _tiered?.Counts is { } c
        ? $"Stencil: remote cache {_remote!.Address.Display} ({_remote.Mode}): {c.Hits} hits, {c.Misses} misses, {c.Rejected} rejected, {c.Published} published in {c.RoundTrips} round trips"
        : null;

    public void Dispose()
    {
        _tiered?.Dispose();
        _remoteWarnings?.Flush();
        try
        {
            _database.Dispose();
        }
        catch (Exception ex)
        {
            DiagnosticLog.Report(_log, InternalErrors.InCache(ex));
        }
        _warnings.Flush();
    }
}
