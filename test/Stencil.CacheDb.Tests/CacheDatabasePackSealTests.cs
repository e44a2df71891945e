using LiteDB;
using static Stencil.CacheDb.Tests.TestCache;

namespace Stencil.CacheDb.Tests;

/// <summary>
/// A pack's seal vouches for every payload in it, so lookups need not hash payloads one by one. What must hold: a
/// damaged payload is still a miss on its own, compaction never seals damaged bytes into a new pack, and packs written
/// before seals existed are still checked entry by entry.
/// </summary>
[TestClass]
public sealed class CacheDatabasePackSealTests
{
    [TestMethod]
    public void CompactionDropsADamagedPayloadInsteadOfSealingIt()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            for (int build = 0; build < PackCollector.SmallPacksToMerge - 1; build++)
            {
                db.BeginBuild();
                db.Insert(Key(build), Payload(build), Info(build));
                Assert.IsTrue(db.Commit(Record()));
            }
        }
        FileDamage.FlipByte(path, FileDamage.FindPayload(path, 3) + 40);

        using (var db = Open(path, warnings, Options()))
        {
            // The eighth small pack makes the commit merge all of them.
            db.BeginBuild();
            db.Insert(Key(100), Payload(100), Info(100));
            Assert.IsTrue(db.Commit(Record()));
            Assert.AreEqual(1, db.GetStats().Packs, "the small packs were merged");
            Assert.IsFalse(db.TryGet(Key(3), "func3", out _), "the damaged payload was not carried into the merged pack");
            for (int i = 0; i < PackCollector.SmallPacksToMerge - 1; i++)
            {
                if (i == 3) continue;
                Assert.IsTrue(db.TryGet(Key(i), "f", out var value), $"entry {i}");
                CollectionAssert.AreEqual(Payload(i), value);
            }
            Assert.IsTrue(db.Verify().IsHealthy);
        }
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void PacksWithoutASealAreCheckedEntryByEntry()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 5);
        using (var lite = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var packs = lite.GetCollection(CacheSchema.PacksCollection);
            foreach (var doc in packs.FindAll().ToList())
            {
                Assert.IsTrue(doc.Remove(CacheSchema.SealField));
                packs.Update(doc);
            }
            lite.Checkpoint();
        }
        FileDamage.FlipByte(path, FileDamage.FindPayload(path, 1) + 40);

        var warnings = new List<string>();
        using var db = Open(path, warnings, Options());
        var values = new ReadOnlyMemory<byte>?[5];
        db.TryGetMany(Enumerable.Range(0, 5).Select(Key).ToArray(), Enumerable.Range(0, 5).Select(i => "func" + i).ToArray(), values);
        Assert.IsNull(values[1]);
        for (int i = 0; i < 5; i++)
            if (i != 1) CollectionAssert.AreEqual(Payload(i), values[i]?.ToArray(), $"entry {i}");
        Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
        Assert.IsTrue(warnings[0].Contains("checksum"), warnings[0]);
    }
}
