using Stencil.CacheDb;

namespace Stencil.Fault.Tests;

/// <summary>
/// One cache shared by builds running at the same time, as with <c>StencilCacheDirectory</c>: one build at a time holds
/// it (the exclusive lock file, never LiteDB's shared mode); the others wait for it, or build without it and say so.
/// </summary>
[TestClass]
public sealed class SharedCacheTests
{
    private const int Builds = 4;

    /// <summary>The CLI's lock timeout (<see cref="CacheOpenOptions.LockTimeout"/>'s default).</summary>
    private static readonly TimeSpan LockTimeout = new CacheOpenOptions().LockTimeout;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void FourBuildsOfOneModuleShareACache()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("shared.db");
        var busy = 0;
        for (var round = 0; round < 2; round++)
        {
            var variants = Enumerable.Repeat(0, Builds).ToArray();
            var results = RunAtOnce(dir, cache, variants, $"round {round}");
            busy += results.Count(r => r.SaidCacheBusy);
            Assert.AreEqual((round + 1) * Builds - busy, CacheCheck.Builds(cache),
                $"round {round}: every build that did not report the cache busy recorded itself");
            Assert.AreEqual(FaultModule.Functions, CacheCheck.AssertHealthy(cache, $"round {round}"));
        }
    }

    [TestMethod]
    public void FourBuildsOfDifferentVariantsInterleaveTheirInserts()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("shared.db");
        var variants = Enumerable.Range(0, Builds).ToArray();
        var results = RunAtOnce(dir, cache, variants, "variants");
        var committed = variants.Where(v => !results[v].SaidCacheBusy).ToList();
        Assert.AreEqual(committed.Count, CacheCheck.Builds(cache), "every build that did not report the cache busy recorded itself");
        CacheCheck.AssertHealthy(cache, "after the concurrent builds");

        // Each build that held the cache left all of its functions in it, whatever the others inserted meanwhile.
        foreach (var variant in committed)
        {
            var objectPath = dir.File($"warm-{variant}.o");
            var warm = StencilProcess.Compile(ReferenceBuilds.Source(variant), objectPath, cache).ExpectSuccess($"warm build of variant {variant}");
            Assert.AreEqual(FaultModule.Functions, warm.CachedFunctions, $"variant {variant}: " + warm.Describe());
            ReferenceBuilds.AssertIdentical(variant, objectPath, $"warm build of variant {variant}");
        }
    }

    [TestMethod]
    public void ABuildThatCannotGetTheLockSaysSoAndBuildsWithoutTheCache()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("shared.db");
        StencilProcess.Compile(ReferenceBuilds.Source(0), dir.File("warm.o"), cache).ExpectSuccess("warming the cache");

        ProcessResult blocked;
        using (var holder = CacheDatabase.TryOpen(cache, warning => Assert.Fail(warning)))
        {
            Assert.IsNotNull(holder);
            blocked = StencilProcess.Compile(ReferenceBuilds.Source(0), dir.File("blocked.o"), cache).ExpectSuccess("the blocked build");
        }
        ReferenceBuilds.AssertIdentical(0, dir.File("blocked.o"), "the blocked build");
        Assert.IsTrue(blocked.SaidCacheBusy, "the blocked build must say the cache was busy: " + blocked.Describe());
        StringAssert.Contains(blocked.Stderr, ProcessResult.CacheWarningCode, blocked.Describe());
        StringAssert.Contains(blocked.Stderr, "building without the cache", blocked.Describe());
        Assert.AreEqual(0, blocked.CachedFunctions, "without the cache nothing is cached: " + blocked.Describe());
        Assert.IsGreaterThanOrEqualTo(LockTimeout - TimeSpan.FromMilliseconds(100), blocked.Elapsed, "it waited for the lock first");
        Assert.AreEqual(1, CacheCheck.Builds(cache), "the blocked build did not record itself");
        CacheCheck.AssertHealthy(cache, "after the blocked build");
    }

    /// <summary>Starts one build per variant at once, each with its own object, and checks every object.</summary>
    private ProcessResult[] RunAtOnce(TempDirectory dir, string cache, int[] variants, string what)
    {
        var objects = variants.Select((_, i) => dir.File($"{what.Replace(' ', '-')}-{i}.o")).ToArray();
        var processes = variants.Select((v, i) => StencilProcess.StartCompile(ReferenceBuilds.Source(v), objects[i], cache)).ToArray();
        var results = new ProcessResult[processes.Length];
        try
        {
            for (var i = 0; i < processes.Length; i++)
                results[i] = processes[i].WaitForResult().ExpectSuccess($"{what}: build {i}");
        }
        finally
        {
            foreach (var process in processes) process.Dispose();
        }
        for (var i = 0; i < variants.Length; i++)
            ReferenceBuilds.AssertIdentical(variants[i], objects[i], $"{what}: build {i}");
        TestContext.WriteLine($"{what}: " + string.Join(", ", results.Select((r, i) =>
            $"build {i} {r.Elapsed.TotalMilliseconds:0} ms, {(r.SaidCacheBusy ? "cache busy" : $"{r.CachedFunctions} cached")}")));
        return results;
    }
}
