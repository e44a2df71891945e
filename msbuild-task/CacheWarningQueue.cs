using Stencil.Engine.Building;
using System.Collections.Concurrent;
using Microsoft.Build.Utilities;

namespace Stencil.Build;

/// <summary>
/// The cache may warn from the compiler's worker threads; warnings are queued and logged from the
/// task's own thread, which is where MSBuild expects a task to log.
/// </summary>
/// <param name="path">The file the warnings are about (the cache file), or null (a remote cache).</param>
internal sealed class CacheWarningQueue(TaskLoggingHelper log, string? path, string code = BuildDiagnosticCodes.CacheWarning)
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
            log.LogWarning(null, code, null, path, 0, 0, 0, 0, "{0}", message);
    }
}
