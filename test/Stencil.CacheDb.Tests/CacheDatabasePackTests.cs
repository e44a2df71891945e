using static Stencil.CacheDb.Tests.TestCache;

namespace Stencil.CacheDb.Tests;

/// <summary>
/// Payloads live in packs, a few large documents instead of one per entry; the commit keeps them tight, so space
/// does not leak however entries come and go.
/// </summary>
[TestClass]
public sealed class CacheDatabasePackTests
{
    [TestMethod]
    public void ABuildStoresItsCodeInFewPacks()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 2000, size: 650);
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options());
        var stats = db.GetStats();
        Assert.AreEqual(2000, stats.Entries);
        Assert.AreEqual(2000L * 650, stats.PayloadBytes);
        Assert.AreEqual(stats.PayloadBytes, stats.PackBytes, "a fresh cache has no dead space");
        Assert.IsTrue(stats.Packs <= (int)Math.Ceiling(2000.0 * 650 / PackWriter.MaxPackBytes), $"{stats.Packs} packs");
        var keys = Enumerable.Range(0, 2000).Select(Key).ToArray();
        var values = new ReadOnlyMemory<byte>?[keys.Length];
        db.TryGetMany(keys, keys.Select((_, i) => "f" + i).ToArray(), values);
        for (int i = 0; i < keys.Length; i++) CollectionAssert.AreEqual(Payload(i, 650), values[i]?.ToArray(), $"entry {i}");
    }

    [TestMethod]
    public void SmallPacksOfManyOneEditBuildsAreMerged()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 200, size: 650);
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options());
        for (int build = 0; build < 3 * PackCollector.SmallPacksToMerge; build++)
        {
            db.BeginBuild();
            db.Insert(Key(1000 + build), Payload(1000 + build), Info(1000 + build));
            Assert.IsTrue(db.Commit(Record()));
            Assert.IsTrue(db.GetStats().Packs <= PackCollector.SmallPacksToMerge + 1, $"build {build}: {db.GetStats().Packs} packs");
        }
        for (int i = 0; i < 3 * PackCollector.SmallPacksToMerge; i++)
        {
            Assert.IsTrue(db.TryGet(Key(1000 + i), "f", out var v));
            CollectionAssert.AreEqual(Payload(1000 + i), v);
        }
        Assert.IsTrue(db.Verify().IsHealthy);
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void SpaceOfRemovedEntriesIsReclaimed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var clock = new ManualClock();
        Populate(path, 1000, size: 1000, Options(clock));
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options(clock));
        Assert.AreEqual(700, db.Trim(300_000));
        var stats = db.GetStats();
        Assert.AreEqual(300, stats.Entries);
        Assert.IsTrue(stats.PackBytes <= 2 * stats.PayloadBytes, $"{stats.PackBytes} bytes of packs for {stats.PayloadBytes} of payloads");
        foreach (var entry in db.ListEntries())
        {
            Assert.IsTrue(db.TryGetEntry(entry.Key, out _, out var payload));
            Assert.AreEqual(1000, payload.Length);
        }
        Assert.IsTrue(db.Verify().IsHealthy);
    }

    [TestMethod]
    public void ReplacingEntriesOverAndOverKeepsTheFileBounded()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options());
        for (int round = 0; round < 30; round++)
        {
            db.BeginBuild();
            for (int i = 0; i < 100; i++) db.Insert(Key(i), Payload(i * 1000 + round, 1000), Info(i));
            Assert.IsTrue(db.Commit(Record()));
        }
        var stats = db.GetStats();
        Assert.AreEqual(100, stats.Entries);
        Assert.IsTrue(stats.PackBytes <= 2 * stats.PayloadBytes + PackCollector.SmallPackBytes * PackCollector.SmallPacksToMerge,
            $"{stats.PackBytes} bytes of packs for {stats.PayloadBytes} of payloads");
        Assert.IsTrue(db.TryGet(Key(5), "f", out var v));
        CollectionAssert.AreEqual(Payload(5 * 1000 + 29, 1000), v);
    }
}
