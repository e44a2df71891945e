using Stencil.Ir.Keys;
using System.Security.Cryptography;
using LiteDB;
using static Stencil.CacheDb.Tests.TestCache;

namespace Stencil.CacheDb.Tests;

[TestClass]
public sealed class CacheDatabaseRecoveryTests
{
    private const string Aside = "cache.db.corrupt-20260102030405";

    [TestMethod]
    public void RandomBytesAreMovedAsideAndANewCacheWorks()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("cache.db"), RandomNumberGenerator.GetBytes(40_000));
        AssertRecovered(dir, "not a LiteDB database");
    }

    [TestMethod]
    public void TextFileIsMovedAsideNotOverwritten()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cache.db"), "these are someone's notes\n");
        AssertRecovered(dir, "too short");
        Assert.AreEqual("these are someone's notes\n", File.ReadAllText(dir.File(Aside)));
    }

    [TestMethod]
    public void EmptyFileIsMovedAside()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("cache.db"), []);
        AssertRecovered(dir, "empty");
    }

    [TestMethod]
    public void TruncatedDatabaseIsMovedAside()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 100, size: 2000);
        FileDamage.Truncate(path, new FileInfo(path).Length / 2 + 100);
        AssertRecovered(dir, "truncated");
    }

    [TestMethod]
    public void TruncatedOnAPageBoundaryIsMovedAside()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 100, size: 2000);
        FileDamage.Truncate(path, new FileInfo(path).Length - 8192);
        AssertRecovered(dir, "truncated");
    }

    [TestMethod]
    public void OtherLiteDbDatabaseIsMovedAside()
    {
        using var dir = new TempDirectory();
        using (var other = new LiteDatabase(new ConnectionString { Filename = dir.File("cache.db"), Connection = ConnectionType.Direct }))
            other.GetCollection("customers").Insert(new BsonDocument { ["name"] = "Ada" });
        AssertRecovered(dir, "not a Stencil cache");
    }

    [TestMethod]
    public void IncompatibleSchemaVersionIsMovedAside()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 2);
        using (var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var meta = raw.GetCollection(CacheSchema.MetaCollection);
            var doc = meta.FindById(CacheSchema.MetaId);
            doc[CacheSchema.Meta.VersionField] = CacheSchema.Version + 1;
            meta.Update(doc);
        }
        AssertRecovered(dir, "schema version");
    }

    [TestMethod]
    public void AtMostTwoSetAsideFilesAreKept()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock();
        for (var round = 0; round < 4; round++)
        {
            File.WriteAllText(dir.File("cache.db"), "junk " + round);
            var warnings = new List<string>();
            using var db = Open(dir.File("cache.db"), warnings, Options(clock));
            Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        var aside = dir.Names().Where(n => n.Contains(".corrupt-")).ToArray();
        CollectionAssert.AreEqual(new[] { "cache.db.corrupt-20260102030407", "cache.db.corrupt-20260102030408" }, aside);
        Assert.AreEqual("junk 3", File.ReadAllText(dir.File("cache.db.corrupt-20260102030408")));
    }

    [TestMethod]
    public void SameSecondGetsAUniqueSetAsideName()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock();
        for (var round = 0; round < 2; round++)
        {
            File.WriteAllText(dir.File("cache.db"), "junk " + round);
            var warnings = new List<string>();
            using var db = Open(dir.File("cache.db"), warnings, Options(clock));
        }
        Assert.AreEqual("junk 0", File.ReadAllText(dir.File(Aside)));
        Assert.AreEqual("junk 1", File.ReadAllText(dir.File(Aside + "-1")));
    }

    [TestMethod]
    public void DamagedPayloadIsAMissAndIsReplaced()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 5);
        FileDamage.FlipByte(path, FileDamage.FindPayload(path, 3) + 40);

        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            Assert.AreEqual(0, warnings.Count, "a damaged payload is not found at open: " + AllWarnings(warnings));
            Assert.IsFalse(db.TryGet(Key(3), "func3", out _));
            Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
            Assert.IsTrue(warnings[0].Contains(Key(3).ToString()) && warnings[0].Contains("checksum"), warnings[0]);
            Assert.IsTrue(db.TryGet(Key(2), "func2", out var intact));
            CollectionAssert.AreEqual(Payload(2), intact);
            Assert.IsTrue(db.Commit(Record()));
            Assert.AreEqual(4, db.ListEntries().Count, "the damaged entry is deleted at commit");
            Assert.IsFalse(db.TryGet(Key(3), "func3", out _));
            Assert.AreEqual(1, warnings.Count, "no second warning once deleted: " + AllWarnings(warnings));
        }
    }

    [TestMethod]
    public void DamagedPageIsSalvagedAtCommit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, DamageEntries, size: 7000);
        var lostWithPack = PackMates(path, Key(5));
        var survivor = Enumerable.Range(0, DamageEntries).First(i => !lostWithPack.Contains(Key(i)));
        ZeroPageOf(path, 5);

        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options()))
        {
            Assert.AreEqual(0, warnings.Count, "payload pages are not read at open: " + AllWarnings(warnings));
            Assert.IsFalse(db.TryGet(Key(5), "func5", out _));
            Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
            Assert.IsTrue(db.TryGet(Key(survivor), "f", out var afterFailure), "the rest of the cache stays usable");
            CollectionAssert.AreEqual(Payload(survivor, 7000), afterFailure);
            db.Insert(Key(1000), Payload(1000), Info(1000));
            Assert.IsTrue(db.Commit(Record()));
            Assert.AreEqual(2, warnings.Count, AllWarnings(warnings));
            Assert.IsTrue(warnings[1].Contains("intact entries were copied"), warnings[1]);
        }
        Assert.IsTrue(dir.Names().Any(n => n.StartsWith("cache.db.corrupt-", StringComparison.Ordinal)));

        var salvageWarnings = AllWarnings(warnings);
        warnings.Clear();
        using var reopened = Open(path, warnings, Options());
        Assert.IsTrue(reopened.TryGet(Key(1000), "func1000", out var added));
        CollectionAssert.AreEqual(Payload(1000), added);
        var kept = Enumerable.Range(0, DamageEntries).Count(i => reopened.TryGet(Key(i), "f", out var v) && v.SequenceEqual(Payload(i, 7000)));
        Assert.AreEqual(DamageEntries - lostWithPack.Count, kept, "only the entries stored with the damaged page are lost; " + salvageWarnings);
        Assert.IsTrue(reopened.Verify().IsHealthy);
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void VerifyReportsAnUnreadablePageAndSalvagesOnRequest()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, DamageEntries, size: 7000);
        var lostWithPack = PackMates(path, Key(5));
        var survivor = Enumerable.Range(0, DamageEntries).First(i => !lostWithPack.Contains(Key(i)));
        ZeroPageOf(path, 5);

        var warnings = new List<string>();
        using var db = Open(path, warnings, Options());
        var report = db.Verify();
        Assert.IsFalse(report.IsHealthy);
        Assert.IsTrue(report.Problems.Any(p => p.Key == "*" && p.Reason.Contains("cannot all be read")), report.Problems[0].Reason);
        Assert.AreEqual(0, report.Deleted);
        Assert.IsTrue(db.TryGet(Key(survivor), "f", out _), "verify leaves a usable database behind");

        var repaired = db.Verify(deleteBad: true);
        Assert.AreEqual(lostWithPack.Count, repaired.Deleted, repaired.ToString());
        Assert.IsTrue(db.Verify().IsHealthy);
        Assert.AreEqual(DamageEntries - lostWithPack.Count, db.ListEntries().Count);
        Assert.IsTrue(warnings.Any(w => w.Contains("intact entries were copied")), AllWarnings(warnings));
    }

    /// <summary>Enough 7000-byte entries for several packs, so a damaged page takes one pack's entries and no others.</summary>
    private const int DamageEntries = 100;

    /// <summary>The keys stored in the same pack as <paramref name="key"/>: what one damaged page of it may cost.</summary>
    private static HashSet<CacheKey> PackMates(string path, CacheKey key)
    {
        using var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true });
        var entries = CacheState.Load(raw).Entries;
        var pack = entries[key].Pack;
        var mates = entries.Values.Where(e => e.Pack == pack).Select(e => e.Key).ToHashSet();
        Assert.IsTrue(mates.Count < entries.Count, "the test needs more than one pack");
        return mates;
    }

    [TestMethod]
    public void OrphanedJournalIsRemoved()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("cache-log.db"), RandomNumberGenerator.GetBytes(8192 * 2));
        var warnings = new List<string>();
        using (var db = Open(dir.File("cache.db"), warnings, Options()))
        {
            db.Insert(Key(1), Payload(1), Info(1));
            Assert.IsTrue(db.Commit(Record()));
        }
        Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
        Assert.IsTrue(warnings[0].Contains("cache-log.db"), warnings[0]);
        Assert.IsFalse(File.Exists(dir.File("cache-log.db")));
    }

    [TestMethod]
    public void GarbageJournalIsDiscardedAndTheDataKept()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 4);
        var size = new FileInfo(path).Length;
        File.WriteAllBytes(dir.File("cache-log.db"), RandomNumberGenerator.GetBytes(8192 * 3));

        var warnings = new List<string>();
        using var db = Open(path, warnings, Options(new ManualClock()));
        Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
        Assert.IsTrue(warnings[0].Contains("journal was discarded"), warnings[0]);
        Assert.IsTrue(File.Exists(dir.File(Aside + ".log")));
        for (var i = 0; i < 4; i++) Assert.IsTrue(db.TryGet(Key(i), "f", out _));
        Assert.IsTrue(new FileInfo(path).Length <= size + 8192 * 4, "the journal was not replayed into the data file");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "unconfirmed: skipped by LiteDB, so the journal is kept")]
    [DataRow(true, DisplayName = "confirmed: would be replayed, so the journal is discarded")]
    public void JournalPagesAheadOfTheDataFileAreJudgedByTheirTransaction(bool confirmed)
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 3);
        // A process killed while writing a commit leaves the first pages of the transaction, whose ids may run ahead of
        // everything written so far, and no confirmed page: LiteDB skips such a transaction when it replays.
        var page = new byte[8192];
        using (var data = File.OpenRead(path))
        {
            data.Position = 8192;
            data.ReadExactly(page);
        }
        var lastPage = BitConverter.ToUInt32(File.ReadAllBytes(path).AsSpan(64, 4));
        BitConverter.TryWriteBytes(page.AsSpan(0, 4), lastPage + 40);
        BitConverter.TryWriteBytes(page.AsSpan(14, 4), 4242u);
        page[18] = confirmed ? (byte)1 : (byte)0;
        File.WriteAllBytes(dir.File("cache-log.db"), page);

        var warnings = new List<string>();
        using var db = Open(path, warnings, Options(new ManualClock()));
        if (confirmed)
        {
            Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
            Assert.IsTrue(warnings[0].Contains("journal was discarded"), warnings[0]);
        }
        else
        {
            Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
        }
        for (var i = 0; i < 3; i++) Assert.IsTrue(db.TryGet(Key(i), "f", out _));
        Assert.IsTrue(db.Verify().IsHealthy);
    }

    [TestMethod]
    public void CommittedWorkInTheJournalOfACrashedProcessIsRecovered()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 3);
        var crashed = dir.File("crashed.db");
        using (var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var id = Key(9).ToString();
            // What a commit writes, without the checkpoint that would fold it into the data file.
            var state = CacheState.Load(raw);
            var writer = new PackWriter(state.Catalog);
            raw.BeginTrans();
            var (pack, offset) = writer.Append(Payload(9));
            writer.Flush(raw);
            state.Add(new IndexEntry
            {
                Key = Key(9), Pack = pack, Offset = offset, Length = 300, Checksum = PayloadChecksum.Compute(Payload(9)),
                CreatedTicks = DateTime.UtcNow.Ticks, Triple = Triple, BuildId = "test-build", Name = "func9",
            });
            state.CatalogDirty = true;
            state.Save(raw);
            raw.Commit();
            // Copy the files while the process still has them open, as a crash before checkpoint leaves them.
            // LiteDB writes its journal from a background queue, so wait until the copy holds the commit.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            do
            {
                File.Copy(path, crashed, overwrite: true);
                File.Copy(dir.File("cache-log.db"), dir.File("crashed-log.db"), overwrite: true);
            }
            while (!JournalHolds(dir, id) && DateTime.UtcNow < deadline && Sleep());
        }

        var warnings = new List<string>();
        using var db = Open(crashed, warnings, Options());
        Assert.IsTrue(db.TryGet(Key(9), "func9", out var value));
        CollectionAssert.AreEqual(Payload(9), value);
        Assert.AreEqual(4, db.ListEntries().Count);
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void HeldLockMeansNoCache()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var warnings = new List<string>();
        using (var first = Open(path, warnings, Options()))
        {
            var second = CacheDatabase.TryOpen(path, warnings.Add, Options());
            Assert.IsNull(second);
            Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
            Assert.IsTrue(warnings[0].Contains("in use by another process") && warnings[0].Contains(path), warnings[0]);
            Assert.IsNull(CacheDatabase.TryOpen(path, warnings.Add, Options(readOnly: true)), "a reader waits for the writer");
        }
        Assert.IsFalse(dir.Names().Any(n => n.Contains(".corrupt-")), "a locked file is not mistaken for a damaged one");
        using var third = Open(path, warnings, Options());
    }

    [TestMethod]
    public void HeldLockIsReportedAsBusyAfterTheTimeout()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var warnings = new List<string>();
        using var first = Open(path, warnings, Options());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var second = CacheDatabase.TryOpen(path, warnings.Add, Options() with { LockTimeout = TimeSpan.FromMilliseconds(250) });
        Assert.IsNull(second);
        Assert.IsGreaterThanOrEqualTo(240L, clock.ElapsedMilliseconds, "the open waits for the timeout before giving up");
        var warning = warnings.Single();
        StringAssert.StartsWith(warning, "Stencil cache busy:");
        StringAssert.Contains(warning, "within 250 ms");
        StringAssert.EndsWith(warning, "building without the cache.");
    }

    [TestMethod]
    public void OpenWaitsForALockThatIsReleased()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        var warnings = new List<string>();
        var first = Open(path, warnings, Options());
        first.Insert(Key(1), Payload(1), Info(1));
        first.Commit(Record());
        var release = new Thread(() => { Thread.Sleep(300); first.Dispose(); });
        release.Start();
        using var second = Open(path, warnings, Options() with { LockTimeout = TimeSpan.FromSeconds(20) });
        release.Join();
        Assert.IsTrue(second.TryGet(Key(1), "func1", out _));
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void ReadOnlyOpenOfAMissingFileCreatesNothing()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "sub", "cache.db");
        var warnings = new List<string>();
        Assert.IsNull(CacheDatabase.TryOpen(path, warnings.Add, Options(readOnly: true)));
        Assert.AreEqual(1, warnings.Count);
        Assert.IsTrue(warnings[0].Contains(path) && warnings[0].Contains("does not exist"), warnings[0]);
        Assert.AreEqual(0, Directory.GetFileSystemEntries(dir.Path).Length);
    }

    [TestMethod]
    public void ReadOnlyOpenOfADamagedFileLeavesItAlone()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cache.db"), "not a database");
        var warnings = new List<string>();
        Assert.IsNull(CacheDatabase.TryOpen(dir.File("cache.db"), warnings.Add, Options(readOnly: true)));
        Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
        CollectionAssert.AreEqual(new[] { "cache.db" }, dir.Names());
        Assert.AreEqual("not a database", File.ReadAllText(dir.File("cache.db")));
    }

    [TestMethod]
    public void ReadOnlyOpenReadsButNeverWrites()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cache.db");
        Populate(path, 2);
        var before = File.ReadAllBytes(path);
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options(readOnly: true)))
        {
            Assert.IsTrue(db.IsReadOnly);
            Assert.IsTrue(db.TryGet(Key(1), "func1", out _));
            db.Insert(Key(5), Payload(5), Info(5));
            Assert.IsFalse(db.TryGet(Key(5), "func5", out _));
            Assert.IsFalse(db.Commit(Record()));
            Assert.ThrowsExactly<InvalidOperationException>(() => db.Trim(0));
            Assert.ThrowsExactly<InvalidOperationException>(() => db.Clear());
            Assert.AreEqual(2, db.GetStats().Entries);
        }
        CollectionAssert.AreEqual(before, File.ReadAllBytes(path));
        Assert.AreEqual(0, warnings.Count, AllWarnings(warnings));
    }

    [TestMethod]
    public void UncreatableDirectoryMeansNoCache()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("occupied"), "a file where the directory should be");
        var path = Path.Combine(dir.Path, "occupied", "cache.db");
        var warnings = new List<string>();
        Assert.IsNull(CacheDatabase.TryOpen(path, warnings.Add, Options()));
        Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
        Assert.IsTrue(warnings[0].Contains(path), warnings[0]);
    }

    [TestMethod]
    public void InvalidPathMeansNoCache()
    {
        var warnings = new List<string>();
        Assert.IsNull(CacheDatabase.TryOpen("bad\0path/cache.db", warnings.Add, Options()));
        Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
    }

    private static bool JournalHolds(TempDirectory dir, string id)
    {
        var probe = dir.File("probe.db");
        File.Copy(dir.File("crashed.db"), probe, overwrite: true);
        File.Copy(dir.File("crashed-log.db"), dir.File("probe-log.db"), overwrite: true);
        try
        {
            using var raw = new LiteDatabase(new ConnectionString { Filename = probe, Connection = ConnectionType.Direct, ReadOnly = true });
            return CacheState.Load(raw).Entries.ContainsKey(CacheKey.TryParse(id, out var key) ? key : default);
        }
        catch (LiteException)
        {
            return false;
        }
        finally
        {
            File.Delete(probe);
            File.Delete(dir.File("probe-log.db"));
        }
    }

    /// <summary>Zeroes the page that holds most of a payload: LiteDB keeps no page checksums and fails reading it.</summary>
    private static void ZeroPageOf(string path, int payload)
    {
        var page = FileDamage.FindPayload(path, payload) / 8192 * 8192;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = page;
        stream.Write(new byte[8192]);
    }

    private static bool Sleep()
    {
        Thread.Sleep(20);
        return true;
    }

    private static void AssertRecovered(TempDirectory dir, string reason)
    {
        var path = dir.File("cache.db");
        var original = File.ReadAllBytes(path);
        var warnings = new List<string>();
        using (var db = Open(path, warnings, Options(new ManualClock())))
        {
            Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
            Assert.IsTrue(warnings[0].Contains(path), warnings[0]);
            Assert.IsTrue(warnings[0].Contains(reason), warnings[0]);
            Assert.IsTrue(warnings[0].Contains(dir.File(Aside)), warnings[0]);
            CollectionAssert.AreEqual(original, File.ReadAllBytes(dir.File(Aside)), "the file is moved, not changed");

            Assert.AreEqual(0, db.ListEntries().Count);
            db.Insert(Key(1), Payload(1), Info(1));
            Assert.IsTrue(db.Commit(Record()));
        }
        using var reopened = Open(path, warnings, Options());
        Assert.IsTrue(reopened.TryGet(Key(1), "func1", out var value));
        CollectionAssert.AreEqual(Payload(1), value);
        Assert.AreEqual(1, warnings.Count, AllWarnings(warnings));
    }
}
