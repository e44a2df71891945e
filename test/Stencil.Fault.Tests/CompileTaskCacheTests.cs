using Microsoft.Build.Utilities;
using Stencil.Build;
using Stencil.CacheDb;

namespace Stencil.Fault.Tests;

/// <summary>
/// The <c>StencilCompile</c> task's cache parameters, as <c>StencilCacheDirectory</c>, <c>StencilCacheLockTimeout</c> and
/// <c>StencilCacheMaxSize</c> set them: a busy shared cache is a warning and a build without it, a size limit trims.
/// </summary>
[TestClass]
public sealed class CompileTaskCacheTests
{
    [TestMethod]
    public void BusySharedCacheIsAWarningAndTheBuildGoesOnWithoutIt()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("stencil.cache.db");
        var (engine, task) = NewTask(dir, cache);
        task.CacheLockTimeout = "300";

        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool succeeded;
        using (var holder = CacheDatabase.TryOpen(cache, warning => Assert.Fail(warning)))
        {
            Assert.IsNotNull(holder);
            succeeded = task.Execute();
        }
        Assert.IsTrue(succeeded, engine.Describe());
        Assert.IsGreaterThanOrEqualTo(280L, clock.ElapsedMilliseconds, "the task waited for the lock first");
        Assert.IsEmpty(engine.Errors, engine.Describe());
        var warning = engine.Warnings.Single(w => w.Code == ProcessResult.CacheWarningCode);
        StringAssert.Contains(warning.Message, "cache busy");
        StringAssert.Contains(warning.Message, "300 ms");
        StringAssert.Contains(warning.Message, "building without the cache");
        ReferenceBuilds.AssertIdentical(0, task.ObjectFile, "the task's build without the cache");
        Assert.AreEqual(0, CacheCheck.Builds(cache), "the busy build did not write to the cache");
    }

    [TestMethod]
    [DataRow("4KB", 4096L)]
    [DataRow("6000", 6000L)]
    public void MaxSizeTrimsTheCacheAtCommit(string maxSize, long maxBytes)
    {
        using var dir = new TempDirectory();
        var cache = dir.File("stencil.cache.db");
        var (engine, task) = NewTask(dir, cache);
        task.CacheMaxSize = maxSize;

        Assert.IsTrue(task.Execute(), engine.Describe());
        ReferenceBuilds.AssertIdentical(0, task.ObjectFile, "the trimmed build");
        using var database = CacheDatabase.TryOpen(cache, warning => Assert.Fail(warning), new CacheOpenOptions { ReadOnly = true });
        Assert.IsNotNull(database);
        var stats = database.GetStats();
        Assert.IsLessThanOrEqualTo(maxBytes, stats.PayloadBytes, $"{stats.Entries} entries");
        Assert.IsGreaterThan(0, stats.Entries, "trimming keeps what fits");
        Assert.IsLessThan(FaultModule.Functions, stats.Entries, "a few KB cannot hold all functions");
        Assert.IsTrue(database.Verify().IsHealthy);
    }

    [TestMethod]
    [DataRow("CacheMaxSize", "lots")]
    [DataRow("CacheMaxSize", "-1MB")]
    [DataRow("CacheLockTimeout", "5s")]
    [DataRow("CacheLockTimeout", "-100")]
    public void InvalidCacheSettingsAreParameterErrors(string parameter, string value)
    {
        using var dir = new TempDirectory();
        var (engine, task) = NewTask(dir, dir.File("stencil.cache.db"));
        typeof(StencilCompile).GetProperty(parameter)!.SetValue(task, value);

        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.AreEqual("STN4010", error.Code);
        StringAssert.Contains(error.Message, value);
        Assert.IsFalse(File.Exists(task.ObjectFile), "nothing is built with a setting that cannot be read");
    }

    private static (RecordingBuildEngine Engine, StencilCompile Task) NewTask(TempDirectory dir, string cache)
    {
        var engine = new RecordingBuildEngine();
        var task = new StencilCompile
        {
            BuildEngine = engine,
            Sources = [new TaskItem(ReferenceBuilds.Source(0))],
            ProjectName = "fault",
            ObjectFile = dir.File("fault.o"),
            CacheFile = cache,
            LinkSharedLibrary = false,
        };
        return (engine, task);
    }
}
