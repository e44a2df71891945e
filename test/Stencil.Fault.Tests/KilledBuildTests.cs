namespace Stencil.Fault.Tests;

/// <summary>
/// Builds with a cache killed at random moments (seeded, so a failure can be replayed): while the runtime starts, while
/// the cache opens, while functions compile, and while the build's transaction commits and checkpoints. Whatever state
/// the kill leaves, the next build must succeed, produce exactly the clean object and leave a cache that verifies.
/// </summary>
[TestClass]
public sealed class KilledBuildTests
{
    private const int DefaultSeed = 20261125;
    private const int DefaultRuns = 30;

    /// <summary>STENCIL_FAULT_SEED replays or varies the kill moments, STENCIL_FAULT_RUNS makes a longer soak.</summary>
    private static readonly int Seed = FromEnvironment("STENCIL_FAULT_SEED", DefaultSeed);
    private static readonly int Runs = FromEnvironment("STENCIL_FAULT_RUNS", DefaultRuns);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void KilledBuildsNeverLeaveABadCacheOrWrongCode()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("stencil.cache.db");
        var journal = dir.File("stencil.cache-log.db");
        var random = new Random(Seed);
        var window = ReferenceBuilds.ColdCachedBuild.TotalMilliseconds;
        int killed = 0, killedWithJournal = 0, killedWithPages = 0, setAside = 0;

        for (var run = 0; run < Runs; run++)
        {
            // Cycling through the variants, and starting over every few runs, keeps commits inserting new functions
            // into empty and into filled caches, not only counting hits.
            var variant = run % FaultModule.Variants;
            if (run % (2 * FaultModule.Variants) == 0) DeleteCache(cache, journal);
            var killedObject = dir.File("killed.o");
            File.Delete(killedObject);

            var mode = (run % 5) switch { 0 or 1 => KillMoment.Anywhere, 2 => KillMoment.LateInTheRun, _ => KillMoment.DuringCommit };
            var delay = mode switch
            {
                KillMoment.Anywhere => random.NextDouble() * window,
                KillMoment.LateInTheRun => window * (0.6 + 0.5 * random.NextDouble()),
                _ => random.NextDouble() * 15,
            };
            using (var victim = StencilProcess.StartCompile(ReferenceBuilds.Source(variant), killedObject, cache))
            {
                // In a cache that already exists the journal appears only when the build's transaction starts writing:
                // waiting for it aims the kill at the commit and the checkpoint that follows, some 15 ms of the run.
                if (mode == KillMoment.DuringCommit) WaitForJournal(journal, victim, TimeSpan.FromMilliseconds(4 * window));
                Pause(TimeSpan.FromMilliseconds(delay));
                if (victim.Kill())
                {
                    var elapsed = victim.WaitForResult().Elapsed;
                    killed++;
                    var journalLength = CacheFilesLength(journal);
                    if (File.Exists(journal)) killedWithJournal++;
                    if (journalLength > 0) killedWithPages++;
                    TestContext.WriteLine($"run {run}: {mode} (+{delay:0.0} ms), killed after {elapsed.TotalMilliseconds:0} ms, journal {(File.Exists(journal) ? journalLength + " bytes" : "none")}");
                }
                else
                {
                    victim.WaitForResult().ExpectSuccess($"seed {Seed}, run {run}, finished before the kill");
                }
            }
            // The object is written atomically: a kill leaves the complete object or none.
            if (File.Exists(killedObject)) ReferenceBuilds.AssertIdentical(variant, killedObject, $"seed {Seed}, run {run}, the killed build's object");

            var asideBefore = CacheCheck.Quarantined(cache).ToHashSet(StringComparer.Ordinal);
            var after = dir.File("after.o");
            var rebuild = StencilProcess.Compile(ReferenceBuilds.Source(variant), after, cache)
                .ExpectSuccess($"seed {Seed}, run {run} (killed after {delay:0} ms), the build after the kill");
            ReferenceBuilds.AssertIdentical(variant, after, $"seed {Seed}, run {run} (killed after {delay:0} ms), the build after the kill");
            Assert.IsFalse(rebuild.SaidCacheBusy, $"seed {Seed}, run {run}: a killed process must not keep the cache locked\n{rebuild.Describe()}");
            // Only the newest quarantined files are kept, so a new one shows as a new name, not a higher count.
            if (CacheCheck.Quarantined(cache).Any(name => !asideBefore.Contains(name)))
            {
                setAside++;
                TestContext.WriteLine($"run {run}: the cache was set aside: {rebuild.Stderr.Trim()}");
                StringAssert.Contains(rebuild.Stderr, ProcessResult.CacheWarningCode, $"seed {Seed}, run {run}: a cache set aside must be reported");
            }
            else if (rebuild.Stderr.Trim().Length > 0)
            {
                TestContext.WriteLine($"run {run}: the build after the kill warned: {rebuild.Stderr.Trim()}");
            }
            var entries = CacheCheck.AssertHealthy(cache, $"seed {Seed}, run {run} (killed after {delay:0} ms)");
            Assert.IsGreaterThanOrEqualTo(FaultModule.Functions, entries, $"seed {Seed}, run {run}: the build after the kill must leave all its functions cached");
        }

        TestContext.WriteLine($"seed {Seed}: {Runs} runs in a {window:0} ms window: {killed} killed ({killedWithJournal} left a journal, {killedWithPages} with pages in it), " +
            $"{Runs - killed} finished first, {setAside} caches set aside");
        Assert.IsGreaterThanOrEqualTo(Runs / 2, killed, "most runs must actually be killed, or the test proves little");
    }

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private enum KillMoment { Anywhere, LateInTheRun, DuringCommit }

    private static void WaitForJournal(string path, StencilProcess process, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(path) && !process.HasExited && clock.Elapsed < timeout)
            Thread.SpinWait(1000);
    }

    /// <summary>Thread.Sleep rounds to the scheduler's tick; aiming inside a commit needs better than that.</summary>
    private static void Pause(TimeSpan delay)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (delay > TimeSpan.FromMilliseconds(30)) Thread.Sleep(delay - TimeSpan.FromMilliseconds(20));
        while (clock.Elapsed < delay) Thread.SpinWait(100);
    }

    private static void DeleteCache(string cache, string journal)
    {
        File.Delete(cache);
        File.Delete(journal);
    }

    private static long CacheFilesLength(string path)
    {
        try { return new FileInfo(path).Length; }
        catch (FileNotFoundException) { return 0; }
    }
}
