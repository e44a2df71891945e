using LiteDB;
using Stencil.Engine.Caching;
using Stencil.Ir.Keys;
using static Stencil.CacheDb.Tests.TestCache;

namespace Stencil.CacheDb.Tests;

/// <summary>Build manifests: opaque blobs the engine keeps per project, written by the commit and checked on read.</summary>
[TestClass]
public sealed class CacheDatabaseManifestTests
{
    [TestMethod]
    public void AManifestIsKeptByTheCommitAndSurvivesReopening()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            db.BeginBuild();
            db.SetManifest(Key(1), Payload(1, 5000));
            Assert.IsTrue(db.TryGetManifest(Key(1), out var pending), "a build sees its own manifest before committing");
            CollectionAssert.AreEqual(Payload(1, 5000), pending);
            Assert.IsTrue(db.Commit(Record()));
        }
        using (var db = Open(path, warnings, Options()))
        {
            Assert.IsTrue(db.TryGetManifest(Key(1), out var stored));
            CollectionAssert.AreEqual(Payload(1, 5000), stored);
            Assert.IsFalse(db.TryGetManifest(Key(2), out _));
            var stats = db.GetStats();
            Assert.AreEqual(1, stats.Manifests);
            Assert.IsTrue(stats.ManifestBytes >= 5000);
        }
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void AManifestIsNotKeptWithoutACommit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            db.BeginBuild();
            db.SetManifest(Key(1), Payload(1));
        }
        using var reopened = Open(path, warnings, Options());
        Assert.IsFalse(reopened.TryGetManifest(Key(1), out _));
    }

    [TestMethod]
    public void OnlyTheMostRecentlyUsedManifestsAreKept()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var clock = new ManualClock();
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options(clock));
        for (int i = 0; i < 70; i++)
        {
            db.SetManifest(Key(i), Payload(i));
            clock.Advance(TimeSpan.FromMinutes(1));
            if (i >= 1) Assert.IsTrue(db.TryGetManifest(Key(0), out _), "manifest 0 is used by every build");
            Assert.IsTrue(db.Commit(Record()));
        }
        var kept = Enumerable.Range(0, 70).Where(i => db.TryGetManifest(Key(i), out _)).ToList();
        Assert.AreEqual(64, kept.Count);
        Assert.IsTrue(kept.Contains(0), "the manifest in use is kept");
        CollectionAssert.AreEqual(Enumerable.Range(7, 63).ToList(), kept.Skip(1).ToList(), "the least recently used go first");
    }

    [TestMethod]
    public void ADamagedManifestIsAMiss()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            db.SetManifest(Key(1), Payload(1, 2000));
            Assert.IsTrue(db.Commit(Record()));
        }
        using (var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var manifests = raw.GetCollection("manifests");
            var doc = manifests.FindById(Key(1).ToString());
            var data = doc["data"].AsBinary;
            data[data.Length / 2] ^= 0x01;
            doc["data"] = data;
            manifests.Update(doc);
            raw.Checkpoint();
        }
        using var reopened = Open(path, warnings, Options());
        Assert.IsFalse(reopened.TryGetManifest(Key(1), out _));
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void ReadOnlyOpensNeitherStoreNorTouchManifests()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            db.SetManifest(Key(1), Payload(1));
            Assert.IsTrue(db.Commit(Record()));
        }
        var before = File.ReadAllBytes(path);
        using (var ro = Open(path, warnings, Options(readOnly: true)))
        {
            Assert.IsTrue(ro.TryGetManifest(Key(1), out _));
            ro.SetManifest(Key(2), Payload(2));
            Assert.IsFalse(ro.TryGetManifest(Key(2), out _));
        }
        CollectionAssert.AreEqual(before, File.ReadAllBytes(path));
    }
}
