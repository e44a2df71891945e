using System.Diagnostics;
using Stencil.CacheDb;
using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Generation;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;

namespace Stencil.Cli.Commands;

public sealed partial class BenchCacheRunner
{
    /// <summary>
    /// Cold builds (each with an empty cache) of a module of unique functions and of the same module plus an
    /// exact copy of every function under another name: deduplication should make the copies nearly free.
    /// </summary>
    private (double Dup, double Unique) DuplicateBuilds(BenchWorkspace workspace)
    {
        int half = Math.Max(1, options.Functions / 2);
        var module = new RandomFunctionGenerator(options.Seed + 2, new GeneratorOptions { NamePrefix = "uniq_f" })
            .GenerateModule(half, options.InstructionsPerFunction);
        var texts = module.Select(ClifWriter.Write).ToArray();
        var files = Chunks(texts.Length, Math.Max(1, options.Files / 2));
        var uniqueTexts = files.Select(r => FileText(texts, r)).ToArray();
        // Only the definitions are renamed: the copies keep calling the originals, so their stencils are identical.
        var copyTexts = uniqueTexts.Select(t => t.Replace("function %uniq_f", "function %dupl_f", StringComparison.Ordinal)).ToArray();

        var uniqueSources = workspace.WriteSources("unique", uniqueTexts);
        var dupSources = workspace.WriteSources("dup", uniqueTexts).Concat(workspace.WriteSources("dup", copyTexts, "copy")).ToArray();
        // Interleaved, so a change in machine load during the runs weighs on both sides of the ratio alike.
        var unique = new List<double>();
        var dup = new List<double>();
        for (int run = 0; run < Runs; run++)
        {
            var u = Build(uniqueSources, workspace.PathOf($"unique-{run}.db"), workspace.PathOf("unique.o"), expectCompiled: half);
            var d = Build(dupSources, workspace.PathOf($"dup-{run}.db"), workspace.PathOf("dup.o"), expectCompiled: half, expectDeduplicated: half);
            if (run < RunsBeforeMeasuring) continue;
            unique.Add(u);
            dup.Add(d);
        }
        return (BenchTimer.Median(dup), BenchTimer.Median(unique));
    }

    /// <summary>
    /// One build taken apart into stages: opening the cache, the stages <see cref="ProjectBuilder"/> reports for itself,
    /// committing and closing, to show where the time of a cached build goes.
    /// </summary>
    private IReadOnlyList<BuildStage> StagedBuild(IReadOnlyList<string> sources, string dbPath, string objPath, int expectCompiled)
    {
        Settle();
        var clock = new StageClock();
        var started = DateTime.UtcNow;
        var database = OpenCache(dbPath);
        database.BeginBuild();
        clock.Mark("open cache");
        var result = ProjectBuilder.Build(new ProjectBuildRequest(Project, sources, objPath) { Cache = database, Settings = options.Settings });
        clock.Mark("build");
        if (!result.Succeeded || result.Compiled != expectCompiled) Unexpected($"compiled {result.Compiled} functions, expected {expectCompiled}", result);
        database.Commit(new BuildRecord(Project, started, DateTime.UtcNow, result.Functions, result.Cached, result.Compiled, result.Deduplicated, result.ElapsedMs));
        clock.Mark("commit");
        database.Dispose();
        clock.Mark("close cache");
        return [clock.Stages[0], .. result.Stages, .. clock.Stages.Skip(2)];
    }
}
