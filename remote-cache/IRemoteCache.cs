using Stencil.Ir.Keys;

namespace Stencil.RemoteCache;

/// <summary>
/// The remote tier as <see cref="TieredCacheStore"/> sees it: values by key, in batches, each batch one round trip.
/// Failures are <see cref="RemoteCacheException"/>s; the tiered store turns them into one warning.
/// </summary>
public interface IRemoteCache : IDisposable
{
    /// <summary>The server, without secrets, for messages.</summary>
    string Display { get; }

    /// <summary>The stored value of each key (null where there is none), in one round trip.</summary>
    byte[]?[] Fetch(IReadOnlyList<CacheKey> keys, RemoteEntryKind kind = RemoteEntryKind.Code);

    /// <summary>Stores the values under their keys, pipelined, giving up after <paramref name="budget"/>.</summary>
    void Publish(IReadOnlyList<RemoteEntry> entries, TimeSpan budget);

    /// <summary>Round trips made so far (a fetch or a publish batch is one).</summary>
    int RoundTrips { get; }
}
