using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Stencil.Engine.Caching;
using Stencil.Ir.Keys;
using Stencil.RemoteCache;

namespace Stencil.Integration.Tests;

/// <summary>
/// The remote tier in process against a real redis-server: each failure the issue lists, at a point chosen by the
/// test, must be a miss and exactly one warning, within a bounded time, and never show the password.
/// </summary>
[TestClass]
public sealed class RedisRemoteCacheTests
{
    /// <summary>Generous against the small timeouts the tests set, tight against a hang.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private const string FastTimeouts = "connectTimeout=400&timeout=400&publishTimeout=400";
    private readonly List<string> _warnings = [];

    private static CacheKey Key(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
    private static byte[] Payload(string name) => Encoding.UTF8.GetBytes("code of " + name);

    private TieredCacheStore Open(string address, ICacheStore? local = null, RemoteCacheMode mode = RemoteCacheMode.ReadWrite)
    {
        Assert.IsTrue(RemoteCacheSettings.TryResolve(address, mode, out var settings, out var error), error);
        return settings!.Open(local ?? new MemoryCacheStore(), _warnings.Add);
    }

    private static ReadOnlyMemory<byte>?[] Lookup(TieredCacheStore store, params string[] names)
    {
        var values = new ReadOnlyMemory<byte>?[names.Length];
        store.TryGetMany([.. names.Select(Key)], names, values);
        return values;
    }

    private static void Publish(TieredCacheStore store, params string[] names)
    {
        foreach (var name in names) store.Insert(Key(name), Payload(name), new CacheEntryInfo(name, "x86_64-unknown-linux-gnu"));
        store.Publish(TimeSpan.FromSeconds(5));
    }

    [TestMethod]
    public void PublishedEntriesReachAnotherStoreInOneRoundTrip()
    {
        using var server = RedisServer.Start();
        using (var publisher = Open(server.Address))
        {
            Publish(publisher, "a", "b", "c");
            Assert.AreEqual(3, publisher.Counts.Published);
        }
        Assert.HasCount(3, server.Keys(RemoteCacheAddress.DefaultPrefix + "code:"));

        var local = new MemoryCacheStore();
        using var reader = Open(server.Address, local);
        var values = Lookup(reader, "a", "b", "c", "missing");
        for (int i = 0; i < 3; i++) CollectionAssert.AreEqual(Payload("abc"[i].ToString()), values[i]!.Value.ToArray());
        Assert.IsNull(values[3]);
        Assert.AreEqual(new RemoteCacheCounts(3, 1, 0, 0, 1), reader.Counts);
        Assert.AreEqual(3, local.Count, "remote hits are copied into the local cache");
        Assert.IsEmpty(_warnings);
    }

    [TestMethod]
    public void PrefixesSeparateTrustDomains()
    {
        using var server = RedisServer.Start();
        using (var teamA = Open(server.Address + "?prefix=team-a:")) Publish(teamA, "a");
        using var teamB = Open(server.Address + "?prefix=team-b:");
        Assert.IsNull(Lookup(teamB, "a")[0]);
        Assert.HasCount(1, server.Keys("team-a:"));
        Assert.IsEmpty(server.Keys("team-b:"));
    }

    [TestMethod]
    public void UnreachableServerIsAMissAndOneWarning()
    {
        int port = LoopbackPort.Unused();
        var clock = Stopwatch.StartNew();
        using var store = Open($"redis://127.0.0.1:{port}?{FastTimeouts}");
        Assert.IsNull(Lookup(store, "a")[0]);
        Publish(store, "a");
        Assert.IsLessThan(Bound, clock.Elapsed);
        Assert.HasCount(1, _warnings);
        StringAssert.Contains(_warnings[0], $"redis://127.0.0.1:{port}/0");
    }

    [TestMethod]
    public void ServerThatNeverAnswersTimesOut()
    {
        using var server = RedisServer.Start();
        server.Pause();
        var clock = Stopwatch.StartNew();
        using var store = Open($"{server.Address}?{FastTimeouts}");
        Assert.IsNull(Lookup(store, "a")[0]);
        Assert.IsLessThan(Bound, clock.Elapsed);
        Assert.HasCount(1, _warnings);
    }

    [TestMethod]
    public void ServerThatStopsAnsweringAfterConnectingTimesOut()
    {
        using var server = RedisServer.Start();
        using var store = Open($"{server.Address}?{FastTimeouts}");
        Assert.IsNull(Lookup(store, "warm-up")[0]);
        Assert.IsEmpty(_warnings);
        server.Pause();
        var clock = Stopwatch.StartNew();
        Assert.IsNull(Lookup(store, "a")[0]);
        Publish(store, "a");
        Assert.IsLessThan(Bound, clock.Elapsed);
        Assert.HasCount(1, _warnings);
        Assert.AreEqual(0, store.Counts.Published);
    }

    [TestMethod]
    public void WrongPasswordIsOneWarningThatDoesNotShowIt()
    {
        using var server = RedisServer.Start(password: "the-right-one");
        using var store = Open($"redis://:not-the-password@127.0.0.1:{server.Port}?{FastTimeouts}");
        Assert.IsNull(Lookup(store, "a")[0]);
        Publish(store, "a");
        Assert.HasCount(1, _warnings);
        Assert.IsFalse(_warnings[0].Contains("not-the-password", StringComparison.Ordinal), _warnings[0]);
        Assert.AreEqual(0L, server.DatabaseSize());

        using var right = Open($"{server.Address}?{FastTimeouts}");
        Publish(right, "a");
        Assert.AreEqual(1, right.Counts.Published, string.Join("\n", _warnings));
    }

    [TestMethod]
    public void ServerKilledAfterConnectingIsOneWarning()
    {
        using var server = RedisServer.Start();
        using var store = Open($"{server.Address}?{FastTimeouts}");
        Assert.IsNull(Lookup(store, "warm-up")[0]);
        server.Kill();
        var clock = Stopwatch.StartNew();
        Assert.IsNull(Lookup(store, "a")[0]);
        Publish(store, "a");
        Assert.IsLessThan(Bound, clock.Elapsed);
        Assert.HasCount(1, _warnings);
    }

    [TestMethod]
    public void InjectedValuesThatFailTheirChecksAreMisses()
    {
        using var server = RedisServer.Start();
        var address = $"{server.Address}?maxValueSize=100000";
        Assert.IsTrue(RemoteCacheAddress.TryParse(address, out var parsed, out _));
        var database = server.Admin.GetDatabase();
        var damaged = RemoteEntryCodec.Encode(Key("damaged"), Payload("damaged"), "t");
        damaged[^1] ^= 1;
        database.StringSet(RedisRemoteCache.KeyOf(parsed!, Key("damaged")), damaged);
        database.StringSet(RedisRemoteCache.KeyOf(parsed!, Key("garbage")), "not a cache value at all");
        database.StringSet(RedisRemoteCache.KeyOf(parsed!, Key("moved")), RemoteEntryCodec.Encode(Key("elsewhere"), Payload("moved"), "t"));
        database.StringSet(RedisRemoteCache.KeyOf(parsed!, Key("huge")), RemoteEntryCodec.Encode(Key("huge"), new byte[200_000], "t"));
        database.StringSet(RedisRemoteCache.KeyOf(parsed!, Key("good")), RemoteEntryCodec.Encode(Key("good"), Payload("good"), "t"));

        using var store = Open(address);
        var values = Lookup(store, "damaged", "garbage", "moved", "huge", "good");
        for (int i = 0; i < 4; i++) Assert.IsNull(values[i], $"value {i} was used");
        CollectionAssert.AreEqual(Payload("good"), values[4]!.Value.ToArray());
        Assert.AreEqual(new RemoteCacheCounts(1, 4, 4, 0, 1), store.Counts);
        Assert.HasCount(1, _warnings);
    }

    [TestMethod]
    public void InspectorReportsKeysAndMemory()
    {
        using var server = RedisServer.Start(password: "inspect-me");
        using (var store = Open(server.Address)) Publish(store, "a", "b");
        server.Admin.GetDatabase().StringSet("unrelated", "x");
        Assert.IsTrue(RemoteCacheAddress.TryParse(server.Address, out var address, out _));

        Assert.IsLessThan(Bound, RemoteCacheInspector.Ping(address!));
        var status = RemoteCacheInspector.Stats(address!);
        Assert.AreEqual(2, status.Keys);
        Assert.IsGreaterThan(0L, status.UsedMemoryBytes);
        StringAssert.StartsWith(status.ServerVersion, "7.");
        Assert.IsFalse(status.Address.Contains("inspect-me", StringComparison.Ordinal));
    }

    [TestMethod]
    public void InspectorFailsCleanlyWhenUnreachable()
    {
        Assert.IsTrue(RemoteCacheAddress.TryParse($"redis://127.0.0.1:{LoopbackPort.Unused()}?connectTimeout=300", out var address, out _));
        var error = Assert.ThrowsExactly<RemoteCacheException>(() => RemoteCacheInspector.Ping(address!));
        StringAssert.Contains(error.Message, "redis://127.0.0.1:");
    }
}
