using Stencil.Ir.Keys;

namespace Stencil.RemoteCache.Tests;

/// <summary>A remote tier in memory that records every request and can be told to fail.</summary>
internal sealed class FakeRemoteCache : IRemoteCache
{
    public Dictionary<CacheKey, byte[]> Values { get; } = [];
    public Dictionary<CacheKey, byte[]> Manifests { get; } = [];
    public List<int> FetchSizes { get; } = [];
    public List<int> PublishSizes { get; } = [];
    public bool FailFetch { get; set; }
    public bool FailPublish { get; set; }
    public bool Disposed { get; private set; }

    public string Display => "redis://fake:6379/0";
    public int RoundTrips => FetchSizes.Count + PublishSizes.Count;

    public byte[]?[] Fetch(IReadOnlyList<CacheKey> keys, RemoteEntryKind kind = RemoteEntryKind.Code)
    {
        FetchSizes.Add(keys.Count);
        if (FailFetch) throw new RemoteCacheException($"{Display}: connecting failed (UnableToConnect)");
        var values = kind == RemoteEntryKind.Code ? Values : Manifests;
        return [.. keys.Select(k => values.TryGetValue(k, out var v) ? v : null)];
    }

    public void Publish(IReadOnlyList<RemoteEntry> entries, TimeSpan budget)
    {
        PublishSizes.Add(entries.Count);
        if (FailPublish) throw new RemoteCacheException($"{Display}: no answer within {budget.TotalMilliseconds} ms while publishing");
        foreach (var entry in entries) (entry.Kind == RemoteEntryKind.Code ? Values : Manifests)[entry.Key] = entry.Value;
    }

    public void Put(string name, string triple = "t") => Values[TestKeys.Of(name)] = RemoteEntryCodec.Encode(TestKeys.Of(name), TestKeys.Payload(name), triple);

    public void Dispose() => Disposed = true;
}
