using System.Text.Json;
using static Stencil.CacheDb.Tests.TestCache;

namespace Stencil.CacheDb.Tests;

[TestClass]
public sealed class CacheDatabaseMaintenanceTests
{
    /// <summary>Entries 0..4 of 100 bytes, created a minute apart; then 1 and 0 are hit, in that order.</summary>
    private static CacheDatabase OpenAged(TempDirectory dir, ManualClock clock, List<string> warnings, long? maxBytes = null)
    {
        var db = Open(dir.File("cache.db"), warnings, Options(clock, maxBytes));
        for (var i = 0; i < 5; i++)
        {
            db.Insert(Key(i), Payload(i, 100), Info(i));
            db.Commit(Record());
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.IsTrue(db.TryGet(Key(1), "func1", out _));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.IsTrue(db.TryGet(Key(0), "func0", out _));
        db.Commit(Record(hits: 2));
        return db;
    }

    [TestMethod]
    public void HistoryKeepsOnlyTheNewestBuilds()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        using (var db = Open(dir.File("cache.db"), warnings, Options() with { MaxBuildHistory = 3 }))
            for (var i = 0; i < 5; i++) Assert.IsTrue(db.Commit(Record(project: "p" + i)));

        using var reopened = Open(dir.File("cache.db"), warnings, Options() with { MaxBuildHistory = 3 });
        CollectionAssert.AreEqual(new[] { "p4", "p3", "p2" }, reopened.GetHistory(10).Select(b => b.ProjectName).ToArray());
        Assert.IsTrue(reopened.Commit(Record(project: "p5")));
        CollectionAssert.AreEqual(new[] { "p5", "p4", "p3" }, reopened.GetHistory(10).Select(b => b.ProjectName).ToArray());
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void TrimRemovesLeastRecentlyUsedFirst()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        using var db = OpenAged(dir, new ManualClock(), warnings);

        Assert.AreEqual(0, db.Trim(500));
        Assert.AreEqual(2, db.Trim(300));
        // Use order: 2 (created 2nd minute), 3, 4, then 1 and 0 (hit last).
        CollectionAssert.AreEquivalent(new[] { Key(4).ToString(), Key(1).ToString(), Key(0).ToString() },
            db.ListEntries().Select(e => e.Key).ToArray());
        Assert.AreEqual(1, db.Trim(250));
        CollectionAssert.AreEquivalent(new[] { Key(1).ToString(), Key(0).ToString() },
            db.ListEntries().Select(e => e.Key).ToArray());
        Assert.AreEqual(200, db.GetStats().PayloadBytes);
        Assert.IsFalse(db.TryGet(Key(4), "func4", out _), "the payload goes with the entry");
        Assert.AreEqual(2, db.Trim(0));
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void CommitTrimsToMaxBytes()
    {
        using var dir = new TempDirectory();
        var warnings = new List<string>();
        var clock = new ManualClock();
        using (var db = OpenAged(dir, clock, warnings))
        {
            Assert.AreEqual(5, db.ListEntries().Count);
        }
        using (var db = Open(dir.File("cache.db"), warnings, Options(clock, maxBytes: 250)))
        {
            Assert.AreEqual(5, db.ListEntries().Count, "opening does not trim");
            Assert.IsTrue(db.Commit(Record()));
            CollectionAssert.AreEquivalent(new[] { Key(1).ToString(), Key(0).ToString() },
                db.ListEntries().Select(e => e.Key).ToArray());
        }
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void ClearRemovesEverythingAndShrinksTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 50, size: 4000);
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options());
        var before = new FileInfo(path).Length;
        db.Insert(Key(99), Payload(99), Info(99));

        Assert.AreEqual(50, db.Clear());
        Assert.AreEqual(0, db.ListEntries().Count);
        Assert.AreEqual(0, db.GetHistory(10).Count);
        Assert.IsFalse(db.TryGet(Key(99), "func99", out _), "pending work is discarded");
        Assert.IsTrue(new FileInfo(path).Length < before / 4, $"{new FileInfo(path).Length} vs {before}");

        db.Insert(Key(1), Payload(1), Info(1));
        Assert.IsTrue(db.Commit(Record()));
        Assert.AreEqual(1, db.ListEntries().Count);
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void VerifyReportsAndDeletesDamagedEntries()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 6);
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            var healthy = db.Verify();
            Assert.IsTrue(healthy.IsHealthy);
            Assert.AreEqual(6, healthy.Checked);
        }
        FileDamage.FlipByte(path, FileDamage.FindPayload(path, 2) + 10);
        FileDamage.FlipByte(path, FileDamage.FindPayload(path, 4) + 200);

        using (var db = Open(path, warnings, Options()))
        {
            var report = db.Verify();
            Assert.AreEqual(6, report.Checked);
            Assert.AreEqual(0, report.Deleted);
            CollectionAssert.AreEquivalent(new[] { Key(2).ToString(), Key(4).ToString() }, report.Problems.Select(p => p.Key).ToArray());
            Assert.IsTrue(report.Problems.All(p => p.Reason.Contains("checksum")), report.Problems[0].Reason);

            var repaired = db.Verify(deleteBad: true);
            Assert.AreEqual(2, repaired.Deleted);
            Assert.AreEqual(4, db.ListEntries().Count);
            Assert.IsTrue(db.Verify().IsHealthy);
        }
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void StatsSummarizeEntriesAndSerializeToJson()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock();
        var warnings = new List<string>();
        using var db = Open(dir.File("cache.db"), warnings, Options(clock));
        db.Insert(Key(1), Payload(1, 100), Info(1));
        db.Insert(Key(2), Payload(2, 200), Info(2, "aarch64-unknown-linux-gnu"));
        clock.Advance(TimeSpan.FromDays(1));
        db.Insert(Key(3), Payload(3, 300), Info(3));
        db.Commit(Record(misses: 3));

        var stats = db.GetStats();
        Assert.AreEqual(3, stats.Entries);
        Assert.AreEqual(600, stats.PayloadBytes);
        Assert.AreEqual(1, stats.Builds);
        Assert.AreEqual(3, stats.TotalMisses);
        Assert.AreEqual(CacheSchema.Version, stats.SchemaVersion);
        Assert.AreEqual(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), stats.OldestEntryUtc);
        Assert.AreEqual(new DateTime(2026, 1, 3, 3, 4, 5, DateTimeKind.Utc), stats.NewestEntryUtc);
        Assert.IsTrue(stats.FileBytes > 0);
        Assert.AreEqual(dir.File("cache.db"), stats.Path);
        CollectionAssert.AreEqual(new[]
        {
            new TripleStats("aarch64-unknown-linux-gnu", 1, 200),
            new TripleStats(Triple, 2, 400),
        }, stats.Triples.ToArray());

        var json = JsonSerializer.Serialize(stats);
        using var parsed = JsonDocument.Parse(json);
        Assert.AreEqual(3, parsed.RootElement.GetProperty("Entries").GetInt32());
        Assert.AreEqual(2, parsed.RootElement.GetProperty("Triples").GetArrayLength());
        Assert.AreEqual(Triple, parsed.RootElement.GetProperty("Triples")[1].GetProperty("Triple").GetString());
    }

    [TestMethod]
    public void EntryIsFoundByAUniqueKeyPrefix()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 20);
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options());
        var full = Key(7).ToString();

        Assert.IsTrue(db.TryGetEntry(full[..12].ToUpperInvariant(), out var entry, out var payload));
        Assert.AreEqual(full, entry.Key);
        Assert.AreEqual("func7", entry.FunctionName);
        CollectionAssert.AreEqual(Payload(7), payload);

        // Twenty keys over sixteen first digits: some digit starts two of them.
        var shared = db.ListEntries().GroupBy(e => e.Key[..1]).First(g => g.Count() > 1).Key;
        Assert.IsFalse(db.TryGetEntry(shared, out _, out _));
        Assert.IsTrue(db.FindKeys(shared).Count >= 2);
        Assert.IsFalse(db.TryGetEntry("xyz", out _, out _));
        Assert.IsFalse(db.TryGetEntry("", out _, out _));
        Assert.IsFalse(db.TryGetEntry(new string('0', 64), out _, out _));
    }

    [TestMethod]
    public void ListEntriesIsOrderedByKey()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 10);
        var warnings = new List<string>();
        using var db = Open(path, warnings, Options());
        var keys = db.ListEntries().Select(e => e.Key).ToList();
        CollectionAssert.AreEqual(keys.Order(StringComparer.Ordinal).ToList(), keys);
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 10).Select(i => Key(i).ToString()).ToList(), keys);
    }
}
