using LiteDB;
using static Stencil.CacheDb.Tests.TestCache;

namespace Stencil.CacheDb.Tests;

/// <summary>
/// Writable caches open LiteDB over <see cref="CacheFileStream"/>s so that a commit fsyncs its journal once, not once
/// per page LiteDB's writer thread drains. What must hold: the journal is durable before the checkpoint writes a data
/// page (write-ahead order), the checkpoint still fsyncs the data file, and the journal file is there only while it
/// holds something.
/// </summary>
[TestClass]
public sealed class CacheFileStreamTests
{
    [TestMethod]
    public void ACommitSyncsItsJournalOnceBeforeTheCheckpointWritesData()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        using var db = CacheLiteDatabase.Open(path);
        db.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "schema" });
        db.Checkpoint();
        int journalSyncs = db.Journal.Syncs, dataSyncs = db.Data.Syncs;

        // About 160 pages: LiteDB's writer thread drains them in many batches.
        db.BeginTrans();
        var packs = db.GetCollection("packs");
        for (long id = 1; id <= 5; id++) packs.Insert(new BsonDocument { ["_id"] = id, ["data"] = Payload((int)id, 256 * 1024) });
        db.Commit();
        Assert.AreEqual(journalSyncs, db.Journal.Syncs, "committing alone does not fsync the journal");
        Assert.IsTrue(db.Journal.Length > 5 * 256 * 1024, "the transaction is in the journal");

        db.Checkpoint();
        Assert.AreEqual(journalSyncs + 1, db.Journal.Syncs, "the journal is synced once, before the data is written");
        Assert.AreEqual(dataSyncs + 1, db.Data.Syncs, "the checkpoint fsyncs the data file");
        Assert.AreEqual(0, db.Journal.Length, "the checkpoint empties the journal");
    }

    [TestMethod]
    public void AWriteToTheDataFileSyncsTheJournalWrittenBeforeIt()
    {
        using var dir = new TempDirectory();
        using var journal = CacheFileStream.ForJournal(dir.File("cache-log.db"));
        using var data = CacheFileStream.ForData(dir.File("cache.db"), journal);
        var page = new byte[8192];

        journal.Write(page, 0, page.Length);
        journal.Flush();
        Assert.AreEqual(0, journal.Syncs, "a journal flush only hands the bytes to the OS");
        data.Write(page, 0, page.Length);
        Assert.AreEqual(1, journal.Syncs, "the journal is durable before the data page is written");
        data.Write(page, 0, page.Length);
        Assert.AreEqual(1, journal.Syncs, "nothing new in the journal: no second sync");
        data.Flush();
        Assert.AreEqual(1, data.Syncs, "a data flush is an fsync");
    }

    [TestMethod]
    public void TheJournalFileExistsOnlyWhileItHoldsSomething()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var files = CacheFiles.For(Path.GetFullPath(path));
        var warnings = new List<string>();
        Populate(path, 1);
        Assert.IsFalse(File.Exists(files.Journal), "the emptied journal is removed when the cache closes");
        using (var db = Open(path, warnings, Options()))
        {
            Assert.IsFalse(File.Exists(files.Journal), "opening an existing cache creates no journal");
            db.BeginBuild();
            db.Insert(Key(1), Payload(1), Info(1));
            Assert.IsTrue(db.Commit(Record(misses: 1)));
        }
        Assert.IsFalse(File.Exists(files.Journal), "again after a commit");
        using (var db = Open(path, warnings, Options()))
            for (int i = 0; i < 2; i++)
                Assert.IsTrue(db.TryGet(Key(i), "f", out var value) && value.AsSpan().SequenceEqual(Payload(i)), $"entry {i}");
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }
}
