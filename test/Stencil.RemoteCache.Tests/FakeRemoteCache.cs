using Stencil.Ir.Keys;

namespace Stencil.RemoteCache.Tests;

/// <summary>A remote tier in memory that records every request and can be told to fail.</summary>
internal sealed class FakeRemoteCache : IRemoteCache
{
    public Dictionary<CacheKey, byte[]> Values { get; } = [];
    public List<int> FetchSizes { get; } = [];
    public List<int> PublishSizes { get; } = [];
    public bool FailFetch { get; set; }
    public bool FailPublish { get; set; }
    public bool Disposed { get; private set; }

    public string Display => "redis://fake:6379/0";
    public int RoundTrips => FetchSizes.Count + PublishSizes.Count;

    public byte[]?[] Fetch(IReadOnlyList<CacheKey> keys)
    {
        FetchSizes.Add(keys.Count);
        if (FailFetch) throw new RemoteCacheException($"{Display}: connecting failed (UnableToConnect)");
        return [.. keys.Select(k => Values.TryGetValue(k, out var v) ? v : null)];
    }

    public void Publish(IReadOnlyList<KeyValuePair<CacheKey, byte[]>> entries, TimeSpan budget)
    {
        PublishSizes.Add(entries.Count);
        if (FailPublish) throw new RemoteCacheException($"{Display}: no answer within {budget.TotalMilliseconds} ms while publishing");
        foreach (var (key, value) in entries) Values[key] = value;
    }

    public void Put(string name, string triple = "t") => Values[TestKeys.Of(name)] = RemoteEntryCodec.Encode(TestKeys.Of(name), TestKeys.Payload(name), triple);

    public void Dispose() => Disposed = true;
}
