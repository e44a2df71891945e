using LiteDB;
using Stencil.Engine.Caching;
using Stencil.Ir.Keys;
using static Stencil.CacheDb.Tests.TestCache;

namespace Stencil.CacheDb.Tests;

/// <summary>
/// Large manifests are kept as content-defined pieces so that a small change rewrites little. What must hold: the
/// manifest reads back exactly, a changed manifest keeps the pieces it shares with the old one and leaves no unused
/// piece behind, damage to any piece makes it a miss, and manifests stored whole by earlier versions still read.
/// </summary>
[TestClass]
public sealed class CacheDatabaseManifestPieceTests
{
    private static byte[] Manifest(int seed, int size = 400_000)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static List<BsonDocument> Pieces(string path)
    {
        using var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true });
        return raw.GetCollection(CacheSchema.ManifestPiecesCollection).FindAll().ToList();
    }

    private static void Store(string path, CacheKey id, byte[] manifest, TimeProvider? clock = null)
    {
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options(clock));
        db.BeginBuild();
        db.SetManifest(id, manifest);
        Assert.IsTrue(db.Commit(Record()));
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    private static byte[]? Read(string path, CacheKey id)
    {
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options());
        return db.TryGetManifest(id, out var manifest) ? manifest : null;
    }

    [TestMethod]
    public void AnEditRewritesOnlyThePiecesAroundIt()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var first = Manifest(1);
        Store(path, Key(1), first);
        var before = Pieces(path).Select(d => d["_id"].AsString).ToHashSet();
        Assert.IsTrue(before.Count >= 3, $"{before.Count} pieces");

        // Bytes inserted in the middle shift everything after them.
        var edited = first[..200_000].Concat(new byte[] { 1, 2, 3, 4, 5 }).Concat(first[200_000..]).ToArray();
        Store(path, Key(1), edited);
        var after = Pieces(path).Select(d => d["_id"].AsString).ToHashSet();
        Assert.IsTrue(after.Except(before).Count() <= 2, $"{after.Except(before).Count()} new pieces of {after.Count}");
        CollectionAssert.AreEqual(edited, Read(path, Key(1)));
        Assert.AreEqual(after.Count, Pieces(path).Count, "no piece the manifest no longer uses is left");
    }

    [TestMethod]
    public void ADamagedPieceIsAMiss()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Store(path, Key(1), Manifest(1));
        using (var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var pieces = raw.GetCollection(CacheSchema.ManifestPiecesCollection);
            var doc = pieces.FindAll().Skip(1).First();
            var data = doc[CacheSchema.DataField].AsBinary;
            data[data.Length / 2] ^= 0x01;
            doc[CacheSchema.DataField] = data;
            pieces.Update(doc);
            raw.Checkpoint();
        }
        // A build that finds it damaged stores it again, unchanged: that must repair it.
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            db.BeginBuild();
            Assert.IsFalse(db.TryGetManifest(Key(1), out _));
            db.SetManifest(Key(1), Manifest(1));
            Assert.IsTrue(db.Commit(Record()));
        }
        CollectionAssert.AreEqual(Manifest(1), Read(path, Key(1)));
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void ADroppedManifestTakesItsPiecesWithIt()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var clock = new ManualClock();
        Store(path, Key(1), Manifest(1), clock);
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options(clock)))
        {
            // More manifests than are kept, each used after the first: the first is dropped.
            for (int i = 2; i < 2 + 64; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                db.BeginBuild();
                db.SetManifest(Key(i), Payload(i));
                Assert.IsTrue(db.Commit(Record()));
            }
            Assert.IsFalse(db.TryGetManifest(Key(1), out _));
        }
        Assert.AreEqual(64, Pieces(path).Count, "one piece for each small manifest kept, none of the dropped one");
    }

    [TestMethod]
    public void AManifestStoredWholeIsStillRead()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 1);
        var manifest = Manifest(3, 5000);
        using (var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            SealedBlob.Begin(buffer, 0x464E5453, 1);
            System.Buffers.BuffersExtensions.Write(buffer, manifest);
            raw.GetCollection(CacheSchema.ManifestsCollection).Insert(CacheSchema.Blob(Key(7).ToString(), SealedBlob.Seal(buffer)));
            raw.Checkpoint();
        }
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            // The catalog does not list it: a rebuilt catalog would, and the manifest must read then.
            Assert.IsFalse(db.TryGetManifest(Key(7), out _));
        }
        using (var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            raw.GetCollection(CacheSchema.MetaCollection).Delete(CacheSchema.CatalogId);
            raw.Checkpoint();
        }
        using (var db = Open(path, warnings, Options()))
        {
            Assert.IsTrue(db.TryGetManifest(Key(7), out var read));
            CollectionAssert.AreEqual(manifest, read);
        }
    }
}
