using LiteDB;
using static Stencil.CacheDb.Tests.TestCache;

namespace Stencil.CacheDb.Tests;

/// <summary>Hit counts and last hits live in one small usage document, written against the exact shards they describe.</summary>
[TestClass]
public sealed class CacheDatabaseUsageTests
{
    [TestMethod]
    public void HitsOfEveryShardSurviveReopeningAndLaterInserts()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var clock = new ManualClock();
        Populate(path, 300, options: Options(clock));
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options(clock)))
        {
            clock.Advance(TimeSpan.FromHours(1));
            for (int i = 0; i < 300; i += 3) Assert.IsTrue(db.TryGet(Key(i), "f" + i, out _));
            Assert.IsTrue(db.Commit(Record()));
            clock.Advance(TimeSpan.FromHours(1));
            db.Insert(Key(5000), Payload(5000), Info(5000));
            Assert.IsTrue(db.TryGet(Key(0), "f0", out _));
            Assert.IsTrue(db.Commit(Record()));
        }
        using var reopened = Open(path, warnings, Options(clock));
        var entries = reopened.ListEntries().ToDictionary(e => e.Key);
        for (int i = 0; i < 300; i++)
        {
            var e = entries[Key(i).ToString()];
            var expected = i == 0 ? 2 : i % 3 == 0 ? 1 : 0;
            Assert.AreEqual(expected, e.HitCount, $"entry {i}");
            Assert.AreEqual(expected > 0, e.LastHitUtc is not null, $"entry {i}");
        }
        Assert.AreEqual(clock.GetUtcNow().UtcDateTime, entries[Key(0).ToString()].LastHitUtc);
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void DamagedUsageResetsHitsButKeepsEveryEntry()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 50);
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            for (int i = 0; i < 50; i++) Assert.IsTrue(db.TryGet(Key(i), "f", out _));
            Assert.IsTrue(db.Commit(Record()));
        }
        using (var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var meta = raw.GetCollection("meta");
            var usage = meta.FindById("usage");
            var data = usage["data"].AsBinary;
            data[10] ^= 0xFF;
            usage["data"] = data;
            meta.Update(usage);
            raw.Checkpoint();
        }
        using var reopened = Open(path, warnings, Options());
        Assert.IsTrue(warnings.Single().Contains("hit counts"), AllWarnings(warnings));
        Assert.AreEqual(50, reopened.ListEntries().Count);
        Assert.IsTrue(reopened.ListEntries().All(e => e.HitCount == 0));
        for (int i = 0; i < 50; i++) Assert.IsTrue(reopened.TryGet(Key(i), "f", out _));
        Assert.IsTrue(reopened.Commit(Record()));
        Assert.IsTrue(reopened.ListEntries().All(e => e.HitCount == 1), "hits count again after the reset");
    }
}
