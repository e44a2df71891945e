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

    /// <summary>Replaces one payload with bytes that match neither its checksum nor the codec; returns its key.</summary>
    private static string DamageOnePayload(string cachePath)
    {
        using var db = new LiteDatabase($"Filename={cachePath};Connection=direct");
        var payloads = db.GetCollection("payloads");
        var victim = payloads.FindAll().OrderBy(d => d["_id"].AsString, StringComparer.Ordinal).First();
        victim["data"] = new byte[] { 1, 2, 3 };
        payloads.Update(victim);
        db.Checkpoint();
        return victim["_id"].AsString;
    }
}
