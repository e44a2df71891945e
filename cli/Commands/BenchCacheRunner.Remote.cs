using System.Diagnostics;
using Stencil.CacheDb;
using Stencil.Engine.Building;
using Stencil.RemoteCache;

namespace Stencil.Cli.Commands;

public sealed partial class BenchCacheRunner
{
    /// <summary>
    /// A CI runner's first build of a checkout: empty local cache, warm remote. One build publishes the module under
    /// a prefix of this run's own; then each measured build starts from a new, empty local cache and must take every
    /// function from the remote. Timed like <see cref="Build"/>, from opening the caches (and connecting) to closing them.
    /// </summary>
    private (double Ms, int RoundTrips, IReadOnlyList<BuildStage> Stages) RemoteBuilds(BenchWorkspace workspace, IReadOnlyList<string> sources, string obj,
        RemoteCacheAddress address, int functions)
    {
        var scoped = address.WithPrefix($"{address.Prefix}bench-{Guid.NewGuid():N}:");
        RemoteBuild(sources, workspace.PathOf("remote-publish.db"), obj, new RemoteCacheSettings(scoped, RemoteCacheMode.ReadWrite), functions, expectRemote: 0);
        int roundTrips = 0;
        var stages = new List<IReadOnlyList<BuildStage>>();
        var ms = Repeat(run =>
        {
            var (elapsed, trips, runStages) = RemoteBuild(sources, workspace.PathOf($"remote-{run}.db"), obj, new RemoteCacheSettings(scoped, RemoteCacheMode.ReadOnly), 0, expectRemote: functions);
            roundTrips = trips;
            if (run >= RunsBeforeMeasuring) stages.Add(runStages);
            return elapsed;
        });
        return (ms, roundTrips, Medians(stages));
    }

    private (double Ms, int RoundTrips, IReadOnlyList<BuildStage> Stages) RemoteBuild(IReadOnlyList<string> sources, string dbPath, string objPath,
        RemoteCacheSettings remote, int expectCompiled, int expectRemote)
    {
        Settle();
        var warnings = new List<string>();
        var clock = Stopwatch.StartNew();
        var stages = new StageClock();
        var started = DateTime.UtcNow;
        ProjectBuildResult result;
        RemoteCacheCounts counts;
        using (var database = OpenCache(dbPath))
        {
            database.BeginBuild();
            using var tiered = remote.Open(database, warnings.Add);
            stages.Mark("open cache");
            result = ProjectBuilder.Build(new ProjectBuildRequest(Project, sources, objPath) { Cache = tiered, Settings = options.Settings });
            stages.Mark("build");
            counts = tiered.Counts;
            database.Commit(new BuildRecord(Project, started, DateTime.UtcNow, result.Functions, result.Cached, result.Compiled, result.Deduplicated,
                result.ElapsedMs, counts.Hits, counts.Misses));
            stages.Mark("commit");
            tiered.Publish(remote.Address.PublishTimeout);
            stages.Mark("publish");
            counts = tiered.Counts;
        }
        stages.Mark("close cache");
        var ms = Math.Round(clock.Elapsed.TotalMilliseconds, 2);
        // A figure for a remote that did not answer would be a figure for the compiler.
        if (warnings.Count > 0) throw CliException.Environment(BuildDiagnosticCodes.RemoteCacheWarning, warnings[0]);
        result = result with { RemoteHits = counts.Hits };
        if (!result.Succeeded) Unexpected("failed", result);
        if (result.Compiled != expectCompiled || counts.Hits != expectRemote)
            Unexpected($"compiled {result.Compiled} and took {counts.Hits} from the remote, expected {expectCompiled} and {expectRemote}", result);
        if (remote.Mode == RemoteCacheMode.ReadWrite && counts.Published != expectCompiled)
            Unexpected($"published {counts.Published} of {expectCompiled} functions", result);
        return (ms, counts.RoundTrips, [stages.Stages[0], .. result.Stages, .. stages.Stages.Skip(2)]);
    }
}
