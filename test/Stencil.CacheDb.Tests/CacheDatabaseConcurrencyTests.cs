using static Stencil.CacheDb.Tests.TestCache;

namespace Stencil.CacheDb.Tests;

[TestClass]
public sealed class CacheDatabaseConcurrencyTests
{
    [TestMethod]
    public void LargeBuildCommitsInOneTransaction()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        const int Count = 2500;
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            db.BeginBuild();
            for (var i = 0; i < Count; i++) db.Insert(Key(i), Payload(i, 4000), Info(i));
            Assert.IsTrue(db.Commit(Record(misses: Count)));
        }
        Assert.IsFalse(File.Exists(dir.File("cache-log.db")));
        using (var db = Open(path, warnings, Options()))
        {
            db.BeginBuild();
            for (var i = 0; i < Count; i++) Assert.IsTrue(db.TryGet(Key(i), "f" + i, out _), "entry " + i);
            Assert.IsTrue(db.Commit(Record(hits: Count)));
        }
        using var reopened = Open(path, warnings, Options(readOnly: true));
        var stats = reopened.GetStats();
        Assert.AreEqual(Count, stats.Entries);
        Assert.AreEqual(Count * 4000L, stats.PayloadBytes);
        Assert.IsTrue(reopened.ListEntries().All(e => e.HitCount == 1 && e.FunctionName.StartsWith('f')));
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void ParallelLookupsAndInsertsAllLand()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 100);
        const int Threads = 6;
        const int PerThread = 150;
        var warnings = new List<string>();
        var wrong = 0;
        using (var db = Open(path, warnings, Options()))
        {
            db.BeginBuild();
            var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                for (var i = 0; i < PerThread; i++)
                {
                    var n = 1000 + t * PerThread + i;
                    if (db.TryGet(Key(n), "f", out _)) Interlocked.Increment(ref wrong);
                    db.Insert(Key(n), Payload(n), Info(n));
                    if (!db.TryGet(Key(n), "f", out var mine) || !mine.SequenceEqual(Payload(n))) Interlocked.Increment(ref wrong);
                    var old = i % 100;
                    if (!db.TryGet(Key(old), "g", out var shared) || !shared.SequenceEqual(Payload(old))) Interlocked.Increment(ref wrong);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.IsTrue(db.Commit(Record(hits: Threads * PerThread, misses: Threads * PerThread)));
        }
        Assert.AreEqual(0, wrong);

        using var reopened = Open(path, warnings, Options());
        Assert.AreEqual(100 + Threads * PerThread, reopened.ListEntries().Count);
        Assert.AreEqual(Threads * 2, reopened.ListEntries().Single(e => e.Key == Key(3).ToString()).HitCount);
        Assert.IsTrue(reopened.Verify().IsHealthy);
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }
}
