using LiteDB;

namespace Stencil.Fault.Tests;

/// <summary>
/// Cache files damaged the ways disks, copies and crashes damage them, met by a real <c>stencil compile</c> process:
/// the build must succeed with exactly the clean object, say what it did about the file, and leave a healthy cache.
/// </summary>
[TestClass]
public sealed class DamagedCacheTests
{
    private const int PageSize = 8192;

    [TestMethod]
    [DataRow(false, DisplayName = "truncated in the middle of a page")]
    [DataRow(true, DisplayName = "truncated at a page boundary")]
    public void TruncatedDataFileIsSetAsideAndRebuilt(bool atPageBoundary)
    {
        using var dir = new TempDirectory();
        var cache = dir.File("stencil.cache.db");
        Warm(dir, cache, variant: 0);

        var length = new FileInfo(cache).Length;
        var cut = length / 2 / PageSize * PageSize + (atPageBoundary ? 0 : 1000);
        using (var stream = new FileStream(cache, FileMode.Open, FileAccess.Write)) stream.SetLength(cut);

        var build = BuildAndCheck(dir, cache, variant: 1, "the build on a truncated cache");
        StringAssert.Contains(build.Stderr, ProcessResult.CacheWarningCode, build.Describe());
        StringAssert.Contains(build.Stderr, "truncated", build.Describe());
        Assert.HasCount(1, CacheCheck.Quarantined(cache), "the truncated file is kept aside for inspection");
        Assert.AreEqual(0, build.CachedFunctions, "a new cache answers nothing");
        Assert.AreEqual(FaultModule.Functions, CacheCheck.AssertHealthy(cache, "after the rebuild"));
    }

    [TestMethod]
    [DataRow(3000, DisplayName = "a partial page of garbage")]
    [DataRow(2 * PageSize, DisplayName = "two whole pages of garbage")]
    public void GarbageJournalWithoutADataChangeIsDiscarded(int garbageBytes)
    {
        using var dir = new TempDirectory();
        var cache = dir.File("stencil.cache.db");
        var journal = dir.File("stencil.cache-log.db");
        Warm(dir, cache, variant: 0);
        File.WriteAllBytes(journal, Garbage(garbageBytes, seed: garbageBytes));

        var build = BuildAndCheck(dir, cache, variant: 0, "the build with a garbage journal");
        StringAssert.Contains(build.Stderr, "journal", build.Describe());
        Assert.AreEqual(FaultModule.Functions, build.CachedFunctions, "the data file's last checkpoint is kept: " + build.Describe());
        CacheCheck.AssertHealthy(cache, "after the rebuild");
    }

    [TestMethod]
    [DataRow(1000, DisplayName = "a partial page appended")]
    [DataRow(PageSize, DisplayName = "a whole page appended")]
    public void GarbageAppendedToAnUncheckpointedJournal(int garbageBytes)
    {
        using var dir = new TempDirectory();
        var cache = dir.File("stencil.cache.db");
        var journal = dir.File("stencil.cache-log.db");
        Warm(dir, cache, variant: 0);
        LeaveCommittedJournal(cache, journal);
        using (var stream = new FileStream(journal, FileMode.Append, FileAccess.Write))
            stream.Write(Garbage(garbageBytes, seed: 7 + garbageBytes));

        var build = BuildAndCheck(dir, cache, variant: 0, "the build with garbage after a journal");
        Assert.AreEqual(FaultModule.Functions, build.CachedFunctions, "the checkpointed entries survive: " + build.Describe());
        Assert.IsFalse(File.Exists(journal) && new FileInfo(journal).Length > 0, "the journal is folded in or set aside");
        CacheCheck.AssertHealthy(cache, "after the rebuild");
    }

    [TestMethod]
    public void LockFileLeftByAKilledBuildDoesNotBlock()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("stencil.cache.db");
        var lockFile = cache + ".lock";
        Warm(dir, cache, variant: 0);
        File.Delete(lockFile);

        using (var victim = StencilProcess.StartCompile(ReferenceBuilds.Source(1), dir.File("killed.o"), cache))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(lockFile) && !victim.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(1);
            // Inside the build now: the cache is open and its lock held.
            Thread.Sleep(20);
            Assert.IsTrue(victim.Kill(), "the build finished before it could be killed holding the lock");
            victim.WaitForResult();
        }
        Assert.IsTrue(File.Exists(lockFile), "the lock file outlives the process that held it");
        // Whatever a crashed tool left in it: the lock is the OS lock on the file, not its content.
        File.WriteAllText(lockFile, "pid 99999\n");

        var build = BuildAndCheck(dir, cache, variant: 1, "the build after a stale lock");
        Assert.IsFalse(build.SaidCacheBusy, "a lock whose holder died must not count as held: " + build.Describe());
        Assert.IsGreaterThan(0, build.CachedFunctions, "variant 1 shares functions with the cached variant 0: " + build.Describe());
        CacheCheck.AssertHealthy(cache, "after the build");
    }

    private static void Warm(TempDirectory dir, string cache, int variant)
    {
        StencilProcess.Compile(ReferenceBuilds.Source(variant), dir.File("warm.o"), cache).ExpectSuccess("warming the cache");
        Assert.AreEqual(FaultModule.Functions, CacheCheck.AssertHealthy(cache, "the warm cache"));
    }

    private static ProcessResult BuildAndCheck(TempDirectory dir, string cache, int variant, string what)
    {
        var objectPath = dir.File($"build-{Guid.NewGuid():N}.o");
        var build = StencilProcess.Compile(ReferenceBuilds.Source(variant), objectPath, cache).ExpectSuccess(what);
        ReferenceBuilds.AssertIdentical(variant, objectPath, what);
        return build;
    }

    /// <summary>
    /// Leaves the cache as a process killed between a commit and its checkpoint leaves it: the data file as of the last
    /// checkpoint, and a journal holding one committed transaction (a build record written with LiteDB itself).
    /// </summary>
    private static void LeaveCommittedJournal(string cache, string journal)
    {
        var dataCopy = cache + ".before";
        var journalCopy = journal + ".copy";
        File.Copy(cache, dataCopy);
        using (var db = new LiteDatabase(new ConnectionString { Filename = cache, Connection = ConnectionType.Direct }))
        {
            db.CheckpointSize = 0;
            db.GetCollection("builds", BsonAutoId.Int64).Insert(new BsonDocument
            {
                ["project"] = "interrupted", ["started"] = 0L, ["finished"] = 0L, ["functions"] = 1, ["hits"] = 0,
                ["misses"] = 1, ["deduplicated"] = 0, ["elapsedMs"] = 1L,
            });
            // LiteDB writes its journal from a background queue: copy until the copy holds the confirmed commit.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            do File.Copy(journal, journalCopy, overwrite: true);
            while (!HoldsConfirmedPage(journalCopy) && DateTime.UtcNow < deadline && Sleep());
            Assert.IsTrue(HoldsConfirmedPage(journalCopy), "LiteDB did not write the commit to its journal");
        }
        File.Move(dataCopy, cache, overwrite: true);
        File.Move(journalCopy, journal, overwrite: true);
    }

    /// <summary>LiteDB marks the last page of a committed transaction confirmed (byte 18 of its page header).</summary>
    private static bool HoldsConfirmedPage(string journal)
    {
        var bytes = File.ReadAllBytes(journal);
        for (var offset = 0; offset + PageSize <= bytes.Length; offset += PageSize)
        {
            if (bytes[offset + 18] != 0) return true;
        }
        return false;
    }

    private static bool Sleep()
    {
        Thread.Sleep(10);
        return true;
    }

    private static byte[] Garbage(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
