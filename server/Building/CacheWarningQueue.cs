using Stencil.Engine.Building;
using System.Collections.Concurrent;

namespace Stencil.Server.Building;

/// <summary>
/// The cache may warn from the compiler's worker threads; warnings are queued and logged at the build's own points
/// (open, commit, dispose), so they appear in the log in the same place however the work was scheduled.
/// </summary>
/// <param name="path">The file the warnings are about (the cache file), or null (a remote cache).</param>
internal sealed class CacheWarningQueue(BuildLog log, string? path, string code = BuildDiagnosticCodes.CacheWarning)
{
    private readonly ConcurrentQueue<string> _pending = new();
    private int _count;

    /// <summary>Whether anything was ever added, flushed or not.</summary>
    public bool HasWarned => Volatile.Read(ref _count) > 0;

    public void Add(string message)
    {
        Interlocked.Increment(ref _count);
        _pending.Enqueue(message);
    }

    public void Flush()
    {
        while (_pending.TryDequeue(out var message))
            log.Warning(code, message, path);
    }
}
