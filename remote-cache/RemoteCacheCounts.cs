namespace Stencil.RemoteCache;

/// <summary>What the remote tier did in one build.</summary>
/// <param name="Hits">Entries the local cache lacked and the remote had (checked, copied into the local cache).</param>
/// <param name="Misses">Entries neither had, including remote values that were rejected and every lookup after the remote failed.</param>
/// <param name="Rejected">Remote values that failed their checks (damaged, foreign, oversized), a shared manifest included; the code entries among them are counted in <paramref name="Misses"/> too.</param>
/// <param name="Published">Code entries written back to the remote (a manifest sent with them is not counted).</param>
/// <param name="RoundTrips">Requests to the server, each a pipelined batch.</param>
public readonly record struct RemoteCacheCounts(int Hits, int Misses, int Rejected, int Published, int RoundTrips);
