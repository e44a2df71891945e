namespace Stencil.CacheDb;

/// <summary>One build as kept in the cache's history: how much of it the cache answered.</summary>
/// <param name="Hits">Functions whose machine code came from the cache.</param>
/// <param name="Misses">Functions that were compiled.</param>
/// <param name="Deduplicated">Functions whose stencil equalled another one in the same build.</param>
public sealed record BuildRecord(
    string ProjectName,
    DateTime StartedUtc,
    DateTime FinishedUtc,
    int Functions,
    int Hits,
    int Misses,
    int Deduplicated,
    long ElapsedMs);
