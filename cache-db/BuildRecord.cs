namespace Stencil.CacheDb;

/// <summary>One build as kept in the cache's history: how much of it the cache answered.</summary>
/// <param name="Hits">Functions whose machine code came from the cache.</param>
/// <param name="Misses">Functions that were compiled.</param>
/// <param name="Deduplicated">Functions whose stencil equalled another one in the same build.</param>
/// <param name="RemoteHits">Of <paramref name="Hits"/>, those the local cache lacked and a remote cache supplied.</param>
/// <param name="RemoteMisses">Lookups the remote cache could not answer (absent, rejected, or the remote unavailable); zero without one.</param>
public sealed record BuildRecord(
    string ProjectName,
    DateTime StartedUtc,
    DateTime FinishedUtc,
    int Functions,
    int Hits,
    int Misses,
    int Deduplicated,
    long ElapsedMs,
    int RemoteHits = 0,
    int RemoteMisses = 0);
