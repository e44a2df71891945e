using static Stencil.CacheDb.Tests.TestCache;

namespace Stencil.CacheDb.Tests;

[TestClass]
public sealed class CacheDatabaseStoreTests
{
    [TestMethod]
    public void InsertThenGetReturnsTheSameBytes()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        using var db = Open(dir.File("cache.db"), warnings, Options());
        db.BeginBuild();
        db.Insert(Key(1), Payload(1), Info(1));

        Assert.IsTrue(db.TryGet(Key(1), "func1", out var value));
        CollectionAssert.AreEqual(Payload(1), value);
        Assert.IsTrue(db.Commit(Record()));
        Assert.IsTrue(db.TryGet(Key(1), "func1", out value));
        CollectionAssert.AreEqual(Payload(1), value);
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void UnknownKeyIsAMiss()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        using var db = Open(dir.File("cache.db"), warnings, Options());
        db.Insert(Key(1), Payload(1), Info(1));
        db.Commit(Record());

        Assert.IsFalse(db.TryGet(Key(2), "func2", out var value));
        Assert.IsNull(value);
    }

    [TestMethod]
    public void CreatesTheDirectoryAndTheFile()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "obj", "deeper", "stencil.cache");
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options())) db.Commit(Record());
        Assert.IsTrue(File.Exists(path));
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void CommittedEntriesSurviveReopening()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 5);
        Assert.IsFalse(File.Exists(dir.File("cache-log.db")), "commit and close leave no journal");

        var warnings = new List<string>();
        using var db = Open(path, warnings, Options());
        for (var i = 0; i < 5; i++)
        {
            Assert.IsTrue(db.TryGet(Key(i), "func" + i, out var value), "entry " + i);
            CollectionAssert.AreEqual(Payload(i), value);
        }
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void DisposingWithoutCommitDiscardsTheBuild()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 1);
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            db.BeginBuild();
            db.Insert(Key(7), Payload(7), Info(7));
            Assert.IsTrue(db.TryGet(Key(0), "renamed", out _));
        }

        using var reopened = Open(path, warnings, Options());
        Assert.IsFalse(reopened.TryGet(Key(7), "func7", out _));
        var entry = reopened.ListEntries().Single();
        Assert.AreEqual(0, entry.HitCount);
        Assert.AreEqual("func0", entry.FunctionName);
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void InsertReplacesAnExistingEntry()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        using var db = Open(dir.File("cache.db"), warnings, Options());
        db.Insert(Key(1), Payload(1), Info(1));
        db.Commit(Record());
        db.Insert(Key(1), Payload(2, 50), Info(2));
        db.Commit(Record());

        Assert.IsTrue(db.TryGet(Key(1), "x", out var value));
        CollectionAssert.AreEqual(Payload(2, 50), value);
        Assert.AreEqual(1, db.ListEntries().Count);
    }

    [TestMethod]
    public void HitsAndLastSeenNameArePersistedByCommit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var clock = new ManualClock();
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options(clock)))
        {
            db.Insert(Key(1), Payload(1), Info(1));
            db.Commit(Record());
        }
        clock.Advance(TimeSpan.FromHours(1));
        using (var db = Open(path, warnings, Options(clock)))
        {
            db.BeginBuild();
            Assert.IsTrue(db.TryGet(Key(1), "first_name", out _));
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.IsTrue(db.TryGet(Key(1), "renamed", out _));
            Assert.AreEqual(0, db.ListEntries().Single().HitCount, "hits are buffered until commit");
            Assert.IsTrue(db.Commit(Record(hits: 2)));
        }

        using var reopened = Open(path, warnings, Options(clock));
        var entry = reopened.ListEntries().Single();
        Assert.AreEqual(2, entry.HitCount);
        Assert.AreEqual("renamed", entry.FunctionName);
        Assert.AreEqual(clock.GetUtcNow().UtcDateTime, entry.LastHitUtc);
        Assert.AreEqual(Triple, entry.Triple);
        Assert.AreEqual(300, entry.Size);
        Assert.AreEqual("test-build", entry.BuildId);
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void EntryOfAnotherBuildIdIsAMiss()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 1);
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options() with { BuildId = "other-build" });
        Assert.IsFalse(db.TryGet(Key(0), "func0", out _));
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void DefaultOptionsStampEntriesWithTheCompilerBuildId()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var warnings = new List<string>();
        using (var db = CacheDatabase.TryOpen(path, warnings.Add))
        {
            Assert.IsNotNull(db);
            db.Insert(Key(1), Payload(1), Info(1));
            Assert.IsTrue(db.Commit(Record()));
            Assert.AreEqual(Stencil.Engine.Compilation.CompilerBuildId.Current, db.ListEntries().Single().BuildId);
        }
        using var other = Open(path, warnings, Options());
        Assert.IsFalse(other.TryGet(Key(1), "func1", out _), "test-build is another compiler");
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void HistoryKeepsBuildsNewestFirst()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        using var db = Open(dir.File("cache.db"), warnings, Options());
        for (var i = 0; i < 3; i++)
        {
            db.BeginBuild();
            db.Insert(Key(i), Payload(i), Info(i));
            Assert.IsTrue(db.Commit(new BuildRecord("p" + i, new DateTime(2026, 1, 1, 0, 0, i, DateTimeKind.Utc),
                new DateTime(2026, 1, 1, 0, 1, i, DateTimeKind.Utc), 10, 10 - i, i, 1, 60_000 + i)));
        }

        var history = db.GetHistory(2);
        Assert.AreEqual(2, history.Count);
        Assert.AreEqual(new BuildRecord("p2", new DateTime(2026, 1, 1, 0, 0, 2, DateTimeKind.Utc),
            new DateTime(2026, 1, 1, 0, 1, 2, DateTimeKind.Utc), 10, 8, 2, 1, 60_002), history[0]);
        Assert.AreEqual("p1", history[1].ProjectName);
        Assert.AreEqual(DateTimeKind.Utc, history[0].StartedUtc.Kind);

        var stats = db.GetStats();
        Assert.AreEqual(3, stats.Builds);
        Assert.AreEqual(27, stats.TotalHits);
        Assert.AreEqual(3, stats.TotalMisses);
    }

    [TestMethod]
    public void HistoryKeepsRemoteCounts()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        using var db = Open(dir.File("cache.db"), warnings, Options());
        for (var i = 1; i <= 2; i++)
        {
            db.BeginBuild();
            Assert.IsTrue(db.Commit(Record("p" + i, hits: 10, misses: 2) with { RemoteHits = 4 * i, RemoteMisses = i }));
        }

        var history = db.GetHistory(10);
        Assert.AreEqual((8, 2), (history[0].RemoteHits, history[0].RemoteMisses));
        Assert.AreEqual((4, 1), (history[1].RemoteHits, history[1].RemoteMisses));
        var stats = db.GetStats();
        Assert.AreEqual(12, stats.TotalRemoteHits);
        Assert.AreEqual(3, stats.TotalRemoteMisses);
    }

    [TestMethod]
    public void BeginBuildReportsAnAlreadyOpenBuild()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        using var db = Open(dir.File("cache.db"), warnings, Options());
        Assert.IsTrue(db.BeginBuild());
        Assert.IsFalse(db.BeginBuild());
        Assert.IsTrue(db.Commit(Record()));
        Assert.IsTrue(db.BeginBuild());
    }

    [TestMethod]
    public void OversizedPayloadIsNotCachedAndWarnsOnce()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        using var db = Open(dir.File("cache.db"), warnings, Options() with { MaxPayloadBytes = 100 });
        db.Insert(Key(1), Payload(1, 101), Info(1));
        db.Insert(Key(2), Payload(2, 101), Info(2));
        db.Insert(Key(3), Payload(3, 100), Info(3));
        Assert.IsFalse(db.TryGet(Key(1), "func1", out _));
        Assert.IsTrue(db.TryGet(Key(3), "func3", out _));
        Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
        Assert.IsTrue(warnings[0].Contains("func1"), warnings[0]);
    }

    [TestMethod]
    public void ReturnedBytesAreACopy()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        using var db = Open(dir.File("cache.db"), warnings, Options());
        db.Insert(Key(1), Payload(1), Info(1));
        Assert.IsTrue(db.TryGet(Key(1), "func1", out var first));
        first[0] ^= 0xFF;
        Assert.IsTrue(db.TryGet(Key(1), "func1", out var second));
        CollectionAssert.AreEqual(Payload(1), second);
    }

    [TestMethod]
    public void DisposedDatabaseMissesAndIgnoresInserts()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        var db = Open(dir.File("cache.db"), warnings, Options());
        db.Dispose();
        db.Insert(Key(1), Payload(1), Info(1));
        Assert.IsFalse(db.TryGet(Key(1), "func1", out _));
        Assert.IsFalse(db.Commit(Record()));
        Assert.ThrowsExactly<ObjectDisposedException>(() => db.GetStats());
        db.Dispose();
    }
}
