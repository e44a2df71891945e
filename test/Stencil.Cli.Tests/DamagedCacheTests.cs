using System.Text.Json;
using LiteDB;
using Stencil.CacheDb;

namespace Stencil.Cli.Tests;

/// <summary>The cache commands against caches that are damaged or in use: environment failures, never crashes.</summary>
[TestClass]
public sealed class DamagedCacheTests
{
    [TestMethod]
    public void VerifyReportsADamagedPayloadAndRepairRemovesIt()
    {
        using var project = new CompiledProject();
        var key = DamageOnePayload(project.Cache);

        var report = CliRun.Of("cache", "verify", project.Cache).Expect(CliExitCodes.EnvironmentError);
        StringAssert.Contains(report.Stdout, key);
        StringAssert.Contains(report.Stdout, "2 entries checked, 1 damaged, 0 deleted");

        var show = CliRun.Of("cache", "show", project.Cache, key).Expect(CliExitCodes.EnvironmentError);
        StringAssert.Contains(show.Stderr, "error STN4032");

        var repair = CliRun.Of("cache", "verify", "--json", "--repair", project.Cache).Expect(CliExitCodes.Success);
        using var doc = JsonDocument.Parse(repair.Stdout);
        Assert.AreEqual(1, doc.RootElement.GetProperty("deleted").GetInt32());
        Assert.AreEqual(key, doc.RootElement.GetProperty("problems")[0].GetProperty("key").GetString());

        CliRun.Of("cache", "verify", project.Cache).Expect(CliExitCodes.Success);
        var rebuilt = CliRun.Of("compile", project.Source, "--cache", project.Cache).Expect(CliExitCodes.Success);
        StringAssert.Contains(rebuilt.Stdout, "1 cached, 1 compiled");
    }

    [TestMethod]
    public void CacheHeldByAnotherWriterIsAnEnvironmentFailure()
    {
        using var project = new CompiledProject();
        using var holder = CacheDatabase.TryOpen(project.Cache, _ => { },
            new CacheOpenOptions { LockTimeout = TimeSpan.Zero });
        Assert.IsNotNull(holder);

        var run = CliRun.Of("cache", "clear", project.Cache).Expect(CliExitCodes.EnvironmentError);

        StringAssert.Contains(run.Stderr, "stencil: error STN4030: cannot open cache");
    }

    [TestMethod]
    public void CompileWithAnUnusableCacheStillBuilds()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);
        var notADirectory = dir.Write("plain.txt", "x");

        var run = CliRun.Of("compile", source, "--cache", Path.Combine(notADirectory, "cache.db")).Expect(CliExitCodes.Success);

        StringAssert.Contains(run.Stderr, "warning STN4001");
        Assert.IsTrue(File.Exists(dir.File("k.o")));
    }

    [TestMethod]
    public void UnwritableObjectPathIsAnEnvironmentFailure()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);
        var notADirectory = dir.Write("plain.txt", "x");

        var run = CliRun.Of("compile", source, "-o", Path.Combine(notADirectory, "k.o")).Expect(CliExitCodes.EnvironmentError);

        StringAssert.Contains(run.Stderr, "error STN4005");
    }

    /// <summary>
    /// Inverts the stored bytes of the first entry (by key) where they lie in their pack, so they match neither their
    /// checksum nor the codec; returns its key.
    /// </summary>
    private static string DamageOnePayload(string cachePath)
    {
        string key;
        byte[] payload;
        using (var cache = CacheDatabase.TryOpen(cachePath, _ => { }, new CacheOpenOptions { ReadOnly = true })!)
        {
            key = cache.ListEntries()[0].Key;
            Assert.IsTrue(cache.TryGetEntry(key, out _, out var stored));
            payload = stored;
        }
        using var db = new LiteDatabase($"Filename={cachePath};Connection=direct");
        var packs = db.GetCollection("packs");
        foreach (var pack in packs.FindAll().ToList())
        {
            var data = pack["data"].AsBinary;
            int at = data.AsSpan().IndexOf(payload);
            if (at < 0) continue;
            for (int i = at; i < at + payload.Length; i++) data[i] = (byte)~data[i];
            pack["data"] = data;
            packs.Update(pack);
            db.Checkpoint();
            return key;
        }
        throw new AssertFailedException("the entry's payload was not found in any pack");
    }
}
