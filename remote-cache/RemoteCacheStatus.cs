namespace Stencil.RemoteCache;

/// <summary>What <c>stencil cache remote stats</c> shows about a server.</summary>
/// <param name="Keys">Keys under the cache's prefix (over every primary of a cluster).</param>
/// <param name="UsedMemoryBytes">The servers' <c>used_memory</c>, all data, not only Stencil's.</param>
public sealed record RemoteCacheStatus(string Address, string Prefix, TimeSpan RoundTrip, long Keys, long UsedMemoryBytes,
    string ServerVersion, string MaxMemory, string EvictionPolicy);
