using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Stencil.Build;
using Stencil.CacheDb;
using Stencil.Engine.Building;
using Stencil.Ir.Diagnostics;

namespace Stencil.Fault.Tests;

/// <summary>
/// Only the file's or the machine's faults are cache damage. An I/O error injected into the cache's storage access is a
/// warning and a miss, and the build is the clean one; a NullReferenceException injected at the same place is a bug in
/// Stencil: error STN9002, and the cache's files stay byte for byte as they were (no set-aside, no salvage, no commit).
/// Checked through <see cref="ProjectBuilder"/> with a <see cref="CacheDatabase"/> and through the MSBuild task.
/// </summary>
[TestClass]
public sealed class CacheFaultClassTests
{
    private const string Injected = "injected by the test";

    [TestMethod]
    [DataRow(CacheFault.ReadPackPoint)]
    [DataRow(CacheFault.ReadManifestPoint)]
    public void AnIoErrorInTheCacheIsAWarningAndTheCleanBuild(string point)
    {
        using var dir = new TempDirectory();
        var cache = Warm(dir);

        var (result, committed, warnings) = BuildWithFault(dir, cache, Once(point, () => new IOException(Injected)));

        Assert.IsTrue(committed, string.Join("\n", warnings));
        Assert.IsTrue(result.Succeeded, Describe(result, warnings));
        Assert.IsFalse(result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), Describe(result, warnings));
        Assert.IsTrue(warnings.Any(w => w.Contains(Injected, StringComparison.Ordinal)), Describe(result, warnings));
        ReferenceBuilds.AssertIdentical(0, dir.File("fault.o"), "the build whose cache read failed");
        Assert.AreEqual(FaultModule.Functions, CacheCheck.AssertHealthy(cache, "after the I/O error"));
    }

    [TestMethod]
    [DataRow(CacheFault.ReadPackPoint)]
    [DataRow(CacheFault.ReadManifestPoint)]
    public void ABugInTheCacheIsAnInternalErrorAndTheFilesAreUntouched(string point)
    {
        using var dir = new TempDirectory();
        var cache = Warm(dir);
        var before = Snapshot(cache);

        var (result, committed, warnings) = BuildWithFault(dir, cache, Once(point, () => new NullReferenceException(Injected)));

        Assert.IsFalse(committed, "a cache that met a bug writes nothing");
        Assert.IsFalse(result.Succeeded);
        var error = result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.AreEqual("STN9002", error.Code);
        Assert.AreEqual($"internal error in the cache: NullReferenceException: {Injected}", error.Message);
        StringAssert.Contains(error.Detail, nameof(FaultInjection), "the stack trace is kept for a detailed log");
        Assert.IsEmpty(warnings, "a bug is not reported as damage to the file");
        Assert.IsFalse(File.Exists(dir.File("fault.o")), "nothing is written by a build that failed");
        AssertUnchanged(before, Snapshot(cache));
    }

    [TestMethod]
    public void ABugWhileCommittingLeavesTheFilesUntouched()
    {
        using var dir = new TempDirectory();
        var cache = Warm(dir);
        var before = Snapshot(cache);

        var warnings = new List<string>();
        var database = CacheDatabase.TryOpen(cache, warnings.Add);
        Assert.IsNotNull(database);
        using (database)
        {
            database.BeginBuild();
            // A build with one new function, so that the commit has something to write.
            File.AppendAllText(dir.File("module.clif"), "\nfunction %extra(i64) -> i64 system_v {\nblock0(v0: i64):\n    return v0\n}\n");
            var result = ProjectBuilder.Build(Request(dir, database));
            Assert.IsTrue(result.Succeeded, Describe(result, warnings));
            using (FaultInjection.Inject(Once(CacheFault.WriteBuildPoint, () => new InvalidOperationException(Injected))))
                Assert.ThrowsExactly<InvalidOperationException>(() => database.Commit(Record(result)));
            Assert.IsFalse(database.Commit(Record(result)), "after a bug the cache writes nothing, not even on a second try");
        }
        Assert.IsEmpty(warnings, "a bug is not reported as damage to the file");
        Assert.IsEmpty(CacheCheck.Quarantined(cache), "nothing is set aside for a bug");
        AssertUnchanged(before, Snapshot(cache));
    }

    [TestMethod]
    public void ThroughTheTaskAnIoErrorIsAWarningAndTheCleanBuild()
    {
        using var dir = new TempDirectory();
        var cache = Warm(dir);
        var (engine, task) = NewTask(dir, cache);

        bool succeeded;
        using (FaultInjection.Inject(Once(CacheFault.ReadPackPoint, () => new IOException(Injected))))
            succeeded = task.Execute();

        Assert.IsTrue(succeeded, engine.Describe());
        Assert.IsEmpty(engine.Errors, engine.Describe());
        Assert.IsTrue(engine.Warnings.Any(w => w.Code == ProcessResult.CacheWarningCode && (w.Message ?? "").Contains(Injected, StringComparison.Ordinal)), engine.Describe());
        ReferenceBuilds.AssertIdentical(0, task.ObjectFile, "the task's build whose cache read failed");
        Assert.AreEqual(FaultModule.Functions, CacheCheck.AssertHealthy(cache, "after the I/O error"));
    }

    [TestMethod]
    public void ThroughTheTaskABugInTheCacheIsErrorStn9002AndTheFilesAreUntouched()
    {
        using var dir = new TempDirectory();
        var cache = Warm(dir);
        var before = Snapshot(cache);
        var (engine, task) = NewTask(dir, cache);

        bool succeeded;
        using (FaultInjection.Inject(Once(CacheFault.ReadPackPoint, () => new NullReferenceException(Injected))))
            succeeded = task.Execute();

        Assert.IsFalse(succeeded);
        var error = engine.Errors.Single();
        Assert.AreEqual("STN9002", error.Code, engine.Describe());
        Assert.AreEqual($"internal error in the cache: NullReferenceException: {Injected}", error.Message);
        Assert.IsEmpty(engine.Warnings, engine.Describe());
        Assert.IsTrue(engine.MessagesAt(MessageImportance.Low).Any(m => m.StartsWith("STN9002 details: ", StringComparison.Ordinal) && m.Contains(nameof(FaultInjection), StringComparison.Ordinal)),
            "the stack trace is logged for a detailed log");
        Assert.IsFalse(engine.MessagesAt(MessageImportance.Normal).Concat(engine.MessagesAt(MessageImportance.High)).Any(m => m.Contains(nameof(FaultInjection), StringComparison.Ordinal)),
            "and only there");
        Assert.IsFalse(File.Exists(task.ObjectFile), "nothing is written by a build that failed");
        AssertUnchanged(before, Snapshot(cache));
    }

    /// <summary>Builds variant 0 once into a new cache in its own folder (so the folder holds the cache's files only).</summary>
    private static string Warm(TempDirectory dir)
    {
        File.Copy(ReferenceBuilds.Source(0), dir.File("module.clif"));
        var cache = Path.Combine(dir.Path, "cache", "stencil.cache.db");
        var database = CacheDatabase.TryOpen(cache, warning => Assert.Fail(warning));
        Assert.IsNotNull(database);
        using (database)
        {
            database.BeginBuild();
            var result = ProjectBuilder.Build(Request(dir, database));
            Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
            Assert.IsTrue(database.Commit(Record(result)));
        }
        File.Delete(dir.File("fault.o"));
        return cache;
    }

    /// <summary>A build through <see cref="ProjectBuilder"/> on the cache with <paramref name="fault"/> injected, then its commit.</summary>
    private static (ProjectBuildResult Result, bool Committed, List<string> Warnings) BuildWithFault(TempDirectory dir, string cache, Func<string, Exception?> fault)
    {
        var warnings = new List<string>();
        var database = CacheDatabase.TryOpen(cache, warnings.Add);
        Assert.IsNotNull(database);
        using (database)
        {
            database.BeginBuild();
            ProjectBuildResult result;
            using (FaultInjection.Inject(fault))
                result = ProjectBuilder.Build(Request(dir, database));
            return (result, database.Commit(Record(result)), warnings);
        }
    }

    private static ProjectBuildRequest Request(TempDirectory dir, CacheDatabase database) =>
        new("fault", [dir.File("module.clif")], dir.File("fault.o")) { Cache = database, MaxDegreeOfParallelism = 2 };

    private static BuildRecord Record(ProjectBuildResult r) =>
        new("fault", DateTime.UtcNow, DateTime.UtcNow, r.Functions, r.Cached, r.Compiled, r.Deduplicated, r.ElapsedMs);

    /// <summary>Throws <paramref name="fault"/>'s exception the first time <paramref name="point"/> is reached.</summary>
    private static Func<string, Exception?> Once(string point, Func<Exception> fault)
    {
        var fired = 0;
        return at => at == point && Interlocked.Exchange(ref fired, 1) == 0 ? fault() : null;
    }

    /// <summary>Every file in the cache's folder (data file, journal, lock file, anything set aside) with its bytes.</summary>
    private static SortedDictionary<string, byte[]> Snapshot(string cache) =>
        new(Directory.GetFiles(Path.GetDirectoryName(cache)!).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    private static void AssertUnchanged(SortedDictionary<string, byte[]> before, SortedDictionary<string, byte[]> after)
    {
        CollectionAssert.AreEqual(before.Keys.ToList(), after.Keys.ToList(), "the cache's folder holds the same files");
        foreach (var (name, bytes) in before)
            Assert.IsTrue(bytes.AsSpan().SequenceEqual(after[name]), $"{name} changed ({bytes.Length} bytes before, {after[name].Length} after)");
    }

    private static string Describe(ProjectBuildResult result, List<string> warnings) =>
        string.Join("\n", result.Diagnostics.Select(d => d.ToString()).Concat(warnings));

    private static (RecordingBuildEngine Engine, StencilCompile Task) NewTask(TempDirectory dir, string cache)
    {
        var engine = new RecordingBuildEngine();
        var task = new StencilCompile
        {
            BuildEngine = engine,
            Sources = [new TaskItem(dir.File("module.clif"))],
            ProjectName = "fault",
            ObjectFile = dir.File("fault.o"),
            CacheFile = cache,
            LinkSharedLibrary = false,
        };
        return (engine, task);
    }
}
