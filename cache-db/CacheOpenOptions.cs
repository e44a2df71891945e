using Stencil.Engine.Compilation;

namespace Stencil.CacheDb;

/// <summary>How <see cref="CacheDatabase.TryOpen"/> opens a cache file.</summary>
public sealed record CacheOpenOptions
{
    /// <summary>
    /// The compiler build that reads and writes entries. An entry written under another build id is a miss:
    /// keys already include the build id, so this only guards against a key scheme that forgot it.
    /// </summary>
    public string BuildId { get; init; } = CompilerBuildId.Current;

    /// <summary>Open for inspection only: nothing is created, moved, repaired or written.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>When set, <see cref="CacheDatabase.Commit"/> trims least-recently-used entries down to this many payload bytes.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>How long to wait for another process that holds the cache to let go before building without it.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where timestamps come from; tests substitute a fixed clock so LRU order is reproducible.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Builds kept in the history; each commit forgets the oldest beyond this. Unbounded, a cache used for years would
    /// carry every build it ever saw, and opening it (which touches every collection) would slow down with them.
    /// </summary>
    public int MaxBuildHistory { get; init; } = 1000;

    /// <summary>Larger payloads are not cached: a LiteDB document is limited to 16 MiB and such functions are rare.</summary>
    public int MaxPayloadBytes { get; init; } = 8 * 1024 * 1024;
}
