using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Ir.Keys;

namespace Stencil.RemoteCache.Tests;

[TestClass]
public sealed class TieredCacheStoreTests
{
    private readonly MemoryCacheStore _local = new();
    private readonly FakeRemoteCache _remote = new();
    private readonly List<string> _warnings = [];

    private TieredCacheStore Store(RemoteCacheMode mode = RemoteCacheMode.ReadWrite, int maxValueBytes = 1 << 20) =>
        new(_local, _remote, mode, maxValueBytes, _warnings.Add);

    private static ReadOnlyMemory<byte>?[] Lookup(TieredCacheStore store, params string[] names)
    {
        var values = new ReadOnlyMemory<byte>?[names.Length];
        store.TryGetMany([.. names.Select(TestKeys.Of)], names, values);
        return values;
    }

    [TestMethod]
    public void LocalHitsNeverReachTheRemoteAndMissesGoInOneRoundTrip()
    {
        _local.Insert(TestKeys.Of("a"), TestKeys.Payload("a"), new CacheEntryInfo("a", "t"));
        _remote.Put("b");
        _remote.Put("c");
        var store = Store();
        var values = Lookup(store, "a", "b", "c", "d");

        CollectionAssert.AreEqual(new[] { 3 }, _remote.FetchSizes, "one fetch, of the three local misses");
        CollectionAssert.AreEqual(TestKeys.Payload("a"), values[0]!.Value.ToArray());
        CollectionAssert.AreEqual(TestKeys.Payload("b"), values[1]!.Value.ToArray());
        CollectionAssert.AreEqual(TestKeys.Payload("c"), values[2]!.Value.ToArray());
        Assert.IsNull(values[3]);
        Assert.AreEqual(new RemoteCacheCounts(2, 1, 0, 0, 1), store.Counts);
        Assert.AreEqual(0, _warnings.Count);
    }

    [TestMethod]
    public void RemoteHitsAreCopiedIntoTheLocalCache()
    {
        _remote.Put("b", "x86_64-unknown-linux-gnu");
        Lookup(Store(), "b");
        Assert.IsTrue(_local.TryGet(TestKeys.Of("b"), "b", out var copied));
        CollectionAssert.AreEqual(TestKeys.Payload("b"), copied);

        // A second build of this checkout finds it locally.
        var again = new TieredCacheStore(_local, _remote, RemoteCacheMode.ReadWrite, 1 << 20, _warnings.Add);
        Lookup(again, "b");
        Assert.AreEqual(1, _remote.FetchSizes.Count);
    }

    [TestMethod]
    public void AllLocalHitsMakeNoRoundTrip()
    {
        _local.Insert(TestKeys.Of("a"), TestKeys.Payload("a"), new CacheEntryInfo("a", "t"));
        var store = Store();
        Lookup(store, "a");
        Assert.AreEqual(0, _remote.RoundTrips);
    }

    [TestMethod]
    public void CorruptValuesAreMissesWithOneWarning()
    {
        _remote.Put("b");
        _remote.Put("c");
        _remote.Values[TestKeys.Of("b")][^1] ^= 1;
        _remote.Values[TestKeys.Of("c")] = RemoteEntryCodec.Encode(TestKeys.Of("other"), TestKeys.Payload("c"), "t");
        var store = Store();
        var values = Lookup(store, "b", "c");

        Assert.IsNull(values[0]);
        Assert.IsNull(values[1]);
        Assert.AreEqual(1, _warnings.Count, string.Join("\n", _warnings));
        StringAssert.Contains(_warnings[0], "checksum");
        Assert.AreEqual(new RemoteCacheCounts(0, 2, 2, 0, 1), store.Counts);
        Assert.AreEqual(0, _local.Count, "a rejected value never reaches the local cache");
    }

    [TestMethod]
    public void OversizedValuesAreMissesWithAWarning()
    {
        _remote.Values[TestKeys.Of("big")] = RemoteEntryCodec.Encode(TestKeys.Of("big"), new byte[5000], "t");
        var store = Store(maxValueBytes: 4096);
        Assert.IsNull(Lookup(store, "big")[0]);
        Assert.AreEqual(1, _warnings.Count);
        StringAssert.Contains(_warnings[0], "over the limit");
    }

    [TestMethod]
    public void AFailedServerIsOneWarningAndIsNotAskedAgain()
    {
        _remote.FailFetch = true;
        var store = Store();
        Assert.IsNull(Lookup(store, "a", "b")[0]);
        Assert.IsNull(Lookup(store, "c")[0]);
        store.Insert(TestKeys.Of("a"), TestKeys.Payload("a"), new CacheEntryInfo("a", "t"));
        store.Publish(TimeSpan.FromSeconds(1));

        Assert.AreEqual(1, _remote.FetchSizes.Count, "after the first failure the build goes on with the local cache alone");
        Assert.AreEqual(0, _remote.PublishSizes.Count);
        Assert.AreEqual(1, _warnings.Count);
        StringAssert.Contains(_warnings[0], "UnableToConnect");
        Assert.AreEqual(3, store.Counts.Misses);
        Assert.IsTrue(_local.TryGet(TestKeys.Of("a"), "a", out _), "the local cache still gets the build's entries");
    }

    [TestMethod]
    public void ReadWritePublishesNewEntriesAtTheEndInOneBatch()
    {
        var store = Store();
        Lookup(store, "a", "b");
        store.Insert(TestKeys.Of("a"), TestKeys.Payload("a"), new CacheEntryInfo("a", "t"));
        store.Insert(TestKeys.Of("b"), TestKeys.Payload("b"), new CacheEntryInfo("b", "t"));
        Assert.AreEqual(0, _remote.PublishSizes.Count, "nothing is sent before the end of the build");
        store.Publish(TimeSpan.FromSeconds(1));

        CollectionAssert.AreEqual(new[] { 2 }, _remote.PublishSizes);
        Assert.AreEqual(2, store.Counts.Published);
        Assert.IsTrue(RemoteEntryCodec.TryDecode(TestKeys.Of("a"), _remote.Values[TestKeys.Of("a")], out var payload, out var triple, out _));
        CollectionAssert.AreEqual(TestKeys.Payload("a"), payload.ToArray());
        Assert.AreEqual("t", triple);
        store.Publish(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, _remote.PublishSizes.Count, "a second publish has nothing left to send");
    }

    [TestMethod]
    public void ReadOnlyPublishesNothing()
    {
        _remote.Put("b");
        var store = Store(RemoteCacheMode.ReadOnly);
        Assert.IsNotNull(Lookup(store, "b")[0], "ReadOnly still reads");
        store.Insert(TestKeys.Of("a"), TestKeys.Payload("a"), new CacheEntryInfo("a", "t"));
        store.Publish(TimeSpan.FromSeconds(1));
        Assert.AreEqual(0, _remote.PublishSizes.Count);
        Assert.IsFalse(_remote.Values.ContainsKey(TestKeys.Of("a")));
    }

    [TestMethod]
    public void EntriesTooLargeForReadersAreNotPublished()
    {
        var store = Store(maxValueBytes: 200);
        store.Insert(TestKeys.Of("big"), new byte[500], new CacheEntryInfo("big", "t"));
        store.Insert(TestKeys.Of("small"), new byte[10], new CacheEntryInfo("small", "t"));
        store.Publish(TimeSpan.FromSeconds(1));
        CollectionAssert.AreEqual(new[] { 1 }, _remote.PublishSizes);
        Assert.IsTrue(_local.TryGet(TestKeys.Of("big"), "big", out _));
    }

    [TestMethod]
    public void AFailedPublishIsOneWarning()
    {
        _remote.FailPublish = true;
        var store = Store();
        store.Insert(TestKeys.Of("a"), TestKeys.Payload("a"), new CacheEntryInfo("a", "t"));
        store.Publish(TimeSpan.FromMilliseconds(10));
        Assert.AreEqual(1, _warnings.Count);
        StringAssert.Contains(_warnings[0], "publishing");
        Assert.AreEqual(0, store.Counts.Published);
    }

    [TestMethod]
    public void ManifestsThatDoNotDecodeStayLocal()
    {
        var store = Store();
        var id = TestKeys.Of("manifest");
        store.SetManifest(id, [1, 2, 3]);
        store.Publish(TimeSpan.FromSeconds(1));
        Assert.IsTrue(store.TryGetManifest(id, out var manifest));
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, manifest);
        Assert.AreEqual(1, _local.ManifestWrites);
        Assert.AreEqual(0, _remote.RoundTrips);
        Assert.AreEqual(0, _remote.Manifests.Count);
    }

    private static readonly CacheKey ManifestId = TestKeys.Of("project manifest");

    /// <summary>A manifest of one file, with the stat this machine took of it.</summary>
    private static byte[] ManifestWithStat(string path) => BuildManifestCodec.Encode(new BuildManifest(
        [new ManifestSource(path, TestKeys.Of("file bytes"), []) { Stat = new SourceStat(10, 20, 30, 40, 50) }]));

    private static BuildManifest Decode(byte[] bytes)
    {
        Assert.IsTrue(BuildManifestCodec.TryDecode(bytes, out var manifest));
        return manifest;
    }

    [TestMethod]
    public void ManifestsAreSharedWithoutTheirStats()
    {
        var publisher = Store();
        publisher.SetManifest(ManifestId, ManifestWithStat("/ci/a/src/k.clif"));
        publisher.Insert(TestKeys.Of("a"), TestKeys.Payload("a"), new CacheEntryInfo("a", "t"));
        publisher.Publish(TimeSpan.FromSeconds(1));
        CollectionAssert.AreEqual(new[] { 2 }, _remote.PublishSizes, "the code and the manifest go in one batch");
        Assert.AreEqual(1, publisher.Counts.Published);

        var cloneLocal = new MemoryCacheStore();
        var clone = new TieredCacheStore(cloneLocal, _remote, RemoteCacheMode.ReadWrite, 1 << 20, _warnings.Add);
        Assert.IsTrue(clone.TryGetManifest(ManifestId, out var shared));
        var source = Decode(shared).Sources.Single();
        Assert.AreEqual("/ci/a/src/k.clif", source.Path);
        Assert.AreEqual(TestKeys.Of("file bytes"), source.Digest);
        Assert.IsNull(source.Stat, "a stat belongs to the machine that took it");
        Assert.AreEqual(0, cloneLocal.ManifestWrites, "the build stores the manifest it learns, not the remote's");
        Assert.IsEmpty(_warnings);
    }

    [TestMethod]
    public void ALocalManifestIsNeverLookedUpRemotely()
    {
        _local.SetManifest(ManifestId, ManifestWithStat("/here/k.clif"));
        var store = Store();
        Assert.IsTrue(store.TryGetManifest(ManifestId, out var manifest));
        Assert.IsNotNull(Decode(manifest).Sources.Single().Stat, "the local manifest keeps its stats");
        Assert.AreEqual(0, _remote.RoundTrips);
    }

    [TestMethod]
    public void ABuildThatCompiledNothingDoesNotRepublishTheSharedManifest()
    {
        _remote.Manifests[ManifestId] = RemoteEntryCodec.Encode(ManifestId, ManifestWithStat("/ci/a/k.clif"), "");
        var store = Store();
        Assert.IsTrue(store.TryGetManifest(ManifestId, out _));
        store.SetManifest(ManifestId, ManifestWithStat("/ci/b/k.clif"));
        store.Publish(TimeSpan.FromSeconds(1));
        Assert.IsEmpty(_remote.PublishSizes);
    }

    /// <summary>A rebuild that found its own manifest and compiled nothing learned only stats, which a shared manifest
    /// leaves out: it sends nothing, so a server that is gone by then costs no warning.</summary>
    [TestMethod]
    public void ARebuildFromTheLocalManifestPublishesNothing()
    {
        _local.SetManifest(ManifestId, ManifestWithStat("/here/k.clif"));
        var store = Store();
        Assert.IsTrue(store.TryGetManifest(ManifestId, out _));
        store.SetManifest(ManifestId, ManifestWithStat("/here/k.clif"));
        store.Publish(TimeSpan.FromSeconds(1));
        Assert.IsEmpty(_remote.PublishSizes);
        Assert.AreEqual(0, _remote.RoundTrips);
        Assert.IsEmpty(_warnings);
    }

    [TestMethod]
    public void ADamagedSharedManifestIsIgnoredWithAWarning()
    {
        var value = RemoteEntryCodec.Encode(ManifestId, ManifestWithStat("/ci/a/k.clif"), "");
        value[^3] ^= 1;
        _remote.Manifests[ManifestId] = value;
        var store = Store();
        Assert.IsFalse(store.TryGetManifest(ManifestId, out _));
        Assert.HasCount(1, _warnings);
        StringAssert.Contains(_warnings[0], "manifest");
    }

    [TestMethod]
    public void ReadOnlyPublishesNoManifest()
    {
        var store = Store(RemoteCacheMode.ReadOnly);
        store.SetManifest(ManifestId, ManifestWithStat("/ci/a/k.clif"));
        store.Publish(TimeSpan.FromSeconds(1));
        Assert.AreEqual(0, _remote.Manifests.Count);
        Assert.AreEqual(1, _local.ManifestWrites);
    }

    [TestMethod]
    public void SingleLookupsUseTheSamePath()
    {
        _remote.Put("b");
        var store = Store();
        Assert.IsTrue(store.TryGet(TestKeys.Of("b"), "b", out var value));
        CollectionAssert.AreEqual(TestKeys.Payload("b"), value);
        Assert.IsFalse(store.TryGet(TestKeys.Of("zz"), "zz", out _));
    }

    [TestMethod]
    public void DisposingClosesTheRemoteOnly()
    {
        Store().Dispose();
        Assert.IsTrue(_remote.Disposed);
    }

    [TestMethod]
    public void OffIsNotARemoteCache() =>
        Assert.ThrowsExactly<ArgumentException>(() => new TieredCacheStore(_local, _remote, RemoteCacheMode.Off, 100, _ => { }));
}
