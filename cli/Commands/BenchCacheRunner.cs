using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Stencil.CacheDb;
using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Generation;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Cli.Commands;

/// <summary>
/// Measures the cache the way builds use it: real <c>.clif</c> files, <see cref="ProjectBuilder.Build"/> and a
/// <see cref="CacheDatabase"/> opened, committed and closed per build (as the MSBuild task does). Every build is
/// also checked for doing what the scenario means (all hits, exactly one miss, half deduplicated), so a number
/// is never reported for a cache that silently did not work.
/// </summary>
public sealed partial class BenchCacheRunner(BenchCacheOptions options)
{
    private const string Project = "bench";
    private const int WarmUpFunctions = 60;
    // Methods that run once per build are promoted out of tier 0 after 30 calls: ten rounds of four builds take every
    // build path past that, so a measurement times the same optimized code whichever scenario comes first.
    private const int WarmUpRounds = 10;
    private const int WarmUpPauseMs = 200;
    /// <summary>
    /// Unmeasured runs before each measurement's own. The first builds of a new kind, or right after a big cold build,
    /// share the machine with background work that build started (tier-1 recompilation of what it made hot, memory
    /// given back, pages written back); a build in a process of its own would not.
    /// </summary>
    private const int RunsBeforeMeasuring = 2;

    public BenchCacheResult Run()
    {
        if (options.Functions < 2) throw CliException.Usage(BuildDiagnosticCodes.InvalidParameter, "--functions must be at least 2.");
        DefaultIsa();
        using var workspace = new BenchWorkspace();
        WarmUp(workspace);

        var module = new RandomFunctionGenerator(options.Seed).GenerateModule(options.Functions, options.InstructionsPerFunction);
        var functionTexts = module.Select(ClifWriter.Write).ToArray();
        var files = Chunks(functionTexts.Length, options.Files);
        var sources = workspace.WriteSources("src", files.Select(r => FileText(functionTexts, r)).ToArray());
        var obj = workspace.PathOf("src.o");

        // Every cold run gets its own empty cache; the last one's cache serves the warm measurements.
        string ColdCache(int run) => workspace.PathOf($"cold-{run}.db");
        var cold = Repeat(run => Build(sources, ColdCache(run), obj, expectCompiled: module.Count));
        var db = ColdCache(Runs - 1);
        var noChange = Repeat(() => Build(sources, db, obj, expectCompiled: 0));
        var oneEdit = Repeat(run => EditedBuild(functionTexts, files, sources, db, obj, run));
        var precompiled = PrecompiledCode(sources);
        var floor = Repeat(() => FloorBuild(sources, workspace.PathOf("floor.o"), precompiled));
        // The object on disk is the last edited one: one plain build puts the unedited object back first.
        Build(sources, db, obj, expectCompiled: 0);
        var noChangeStages = MedianStages(_ => StagedBuild(sources, db, obj, expectCompiled: 0));
        // Later runs than the one-edit measurement's, so every edit is one the cache has not seen.
        var oneEditStages = MedianStages(run => EditedStages(functionTexts, files, sources, db, obj, Runs + run));
        var (dup, unique) = DuplicateBuilds(workspace);
        var remote = options.RemoteCache is { } address ? RemoteBuilds(workspace, sources, obj, address, module.Count) : default((double Ms, int RoundTrips, IReadOnlyList<BuildStage> Stages)?);

        return new BenchCacheResult
        {
            Functions = module.Count,
            Instructions = module.Sum(f => (long)f.Layout.Insts().Count()),
            OptLevel = options.OptLevel,
            ColdMs = cold, NoChangeMs = noChange, OneEditMs = oneEdit, FloorMs = floor, DupColdMs = dup, UniqueColdMs = unique,
            NoChangeStages = noChangeStages,
            OneEditStages = oneEditStages,
            RemoteMs = remote?.Ms,
            RemoteRoundTrips = remote?.RoundTrips,
            RemoteStages = remote?.Stages ?? [],
        };
    }

    /// <summary>
    /// Runs every path the measurements take (cold, warm, edited, floor) on a small module, in rounds with pauses:
    /// tiered JIT starts counting calls only after a quiet spell and then recompiles hot methods in the
    /// background, and without this the first measurements would time unoptimized code.
    /// </summary>
    private void WarmUp(BenchWorkspace workspace)
    {
        var module = new RandomFunctionGenerator(options.Seed + 1, new GeneratorOptions { NamePrefix = "warm_f" }).GenerateModule(WarmUpFunctions, 60);
        var texts = module.Select(ClifWriter.Write).ToArray();
        var files = Chunks(texts.Length, 4);
        var sources = workspace.WriteSources("warmup", files.Select(r => FileText(texts, r)).ToArray());
        var obj = workspace.PathOf("warmup.o");
        var code = PrecompiledCode(sources);
        for (int round = 0; round < WarmUpRounds; round++)
        {
            var db = workspace.PathOf($"warmup-{round}.db");
            Build(sources, db, obj, expectCompiled: module.Count);
            Build(sources, db, obj, expectCompiled: 0);
            EditedBuild(texts, files, sources, db, obj, round);
            FloorBuild(sources, obj, code);
            StagedBuild(sources, db, obj, expectCompiled: 0);
            Thread.Sleep(WarmUpPauseMs);
        }
    }

    private double Repeat(Func<double> measure) => Repeat(_ => measure());

    /// <summary>Each stage's median over the runs, in the order the stages first appear.</summary>
    private IReadOnlyList<BuildStage> MedianStages(Func<int, IReadOnlyList<BuildStage>> measure) =>
        Medians([.. Enumerable.Range(0, Runs).Select(measure).Skip(RunsBeforeMeasuring)]);

    private static IReadOnlyList<BuildStage> Medians(IReadOnlyList<IReadOnlyList<BuildStage>> runs) =>
        [.. runs.SelectMany(r => r).GroupBy(s => s.Name).Select(g => new BuildStage(g.Key, BenchTimer.Median([.. g.Select(s => s.Ms)])))];

    /// <summary>The median of <see cref="BenchCacheOptions.Repeats"/> measured runs, after the unmeasured ones; each run gets its own index.</summary>
    private double Repeat(Func<int, double> measure)
    {
        var samples = new List<double>();
        for (int run = 0; run < Runs; run++)
        {
            var ms = measure(run);
            if (run >= RunsBeforeMeasuring) samples.Add(ms);
        }
        return BenchTimer.Median(samples);
    }

    private int Runs => RunsBeforeMeasuring + Math.Max(1, options.Repeats);

    /// <summary>One build through a freshly opened cache database, timed from open to close.</summary>
    private double Build(IReadOnlyList<string> sources, string dbPath, string objPath, int? expectCompiled = null, int? expectDeduplicated = null)
    {
        Settle();
        var clock = Stopwatch.StartNew();
        var started = DateTime.UtcNow;
        ProjectBuildResult result;
        using (var database = OpenCache(dbPath))
        {
            database.BeginBuild();
            result = ProjectBuilder.Build(new ProjectBuildRequest(Project, sources, objPath) { Cache = database, Settings = options.Settings });
            database.Commit(new BuildRecord(Project, started, DateTime.UtcNow, result.Functions, result.Cached, result.Compiled, result.Deduplicated, result.ElapsedMs));
        }
        var ms = Math.Round(clock.Elapsed.TotalMilliseconds, 2);
        if (!result.Succeeded)
            throw new CliException(result.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error)
                ?? Diagnostic.Error(BuildDiagnosticCodes.Internal, "the benchmark build wrote no object"), CliExitCodes.EnvironmentError);
        if (expectCompiled is { } c && result.Compiled != c) Unexpected($"compiled {result.Compiled} functions, expected {c}", result);
        if (expectDeduplicated is { } d && result.Deduplicated != d) Unexpected($"deduplicated {result.Deduplicated} functions, expected {d}", result);
        return ms;
    }

    /// <summary>
    /// Starts every measurement from a collected heap and with no file data of earlier runs still waiting to be written
    /// back: one run's garbage and one cold build's megabytes of cache would otherwise stall the next run's own flushes.
    /// </summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (OperatingSystem.IsLinux()) FlushFileSystems();
    }

    [LibraryImport("libc", EntryPoint = "sync")]
    private static partial void FlushFileSystems();

    private static void Unexpected(string what, ProjectBuildResult result) =>
        throw CliException.Environment(BuildDiagnosticCodes.Internal, $"benchmark build {what}: {result.FormatSummary(Project)}");

    private static CacheDatabase OpenCache(string path)
    {
        var warnings = new List<string>();
        return CacheDatabase.TryOpen(path, warnings.Add)
            ?? throw CliException.Environment(BuildDiagnosticCodes.CacheUnavailable, $"cannot open the benchmark cache: {string.Join(" ", warnings)}");
    }

    /// <summary>A build with one function's result changed.</summary>
    private double EditedBuild(string[] functionTexts, IReadOnlyList<Range> files, IReadOnlyList<string> sources, string db, string obj, int run) =>
        WithEdit(functionTexts, files, sources, run, () => Build(sources, db, obj, expectCompiled: 1));

    private IReadOnlyList<BuildStage> EditedStages(string[] functionTexts, IReadOnlyList<Range> files, IReadOnlyList<string> sources, string db, string obj, int run) =>
        WithEdit(functionTexts, files, sources, run, () => StagedBuild(sources, db, obj, expectCompiled: 1));

    /// <summary>Runs <paramref name="build"/> with function <c>k</c>'s result changed (a different function on every run), then puts the file back.</summary>
    private T WithEdit<T>(string[] functionTexts, IReadOnlyList<Range> files, IReadOnlyList<string> sources, int run, Func<T> build)
    {
        int k = (int)((long)functionTexts.Length * (run + 1) / 4) % functionTexts.Length;
        int file = FileOf(files, k);
        var edited = (string[])functionTexts.Clone();
        edited[k] = EditReturn(functionTexts[k], run + 1);
        File.WriteAllText(sources[file], FileText(edited, files[file]));
        try { return build(); }
        finally { File.WriteAllText(sources[file], FileText(functionTexts, files[file])); }
    }

    /// <summary>Returns <c>v + delta</c> instead of <c>v</c>: a body change that always changes the stencil.</summary>
    private static string EditReturn(string functionText, int delta)
    {
        var last = ReturnLine().Matches(functionText).LastOrDefault()
            ?? throw new InvalidOperationException("a generated function has no return");
        var v = last.Groups[1].Value;
        return functionText[..last.Index] + $"    v99999 = iadd_imm {v}, {delta}\n    return v99999" + functionText[(last.Index + last.Length)..];
    }

    /// <summary>Code for every stencil of the sources, compiled before any timing starts.</summary>
    private Dictionary<CacheKey, CompiledCodeStencil> PrecompiledCode(IReadOnlyList<string> sources)
    {
        var diagnostics = new List<Diagnostic>();
        var loaded = SourceLoader.Load(sources, diagnostics);
        var compiler = new ParallelModuleCompiler(DefaultIsa(), null);
        var compiled = compiler.Compile(loaded.Select(f => f.Module).ToArray());
        var map = new Dictionary<CacheKey, CompiledCodeStencil>();
        for (int i = 0; i < loaded.Count; i++) map.TryAdd(compiled.Keys[i], compiled.Code[i]!);
        return map;
    }

    /// <summary>The floor of any build: read, parse, verify and key every source, then finalize and write the object, with no cache and no compiler.</summary>
    private double FloorBuild(IReadOnlyList<string> sources, string objPath, Dictionary<CacheKey, CompiledCodeStencil> code)
    {
        Settle();
        var clock = Stopwatch.StartNew();
        var diagnostics = new List<Diagnostic>();
        var functions = SourceLoader.Load(sources, diagnostics);
        var keyContext = new ParallelModuleCompiler(DefaultIsa(), null).KeyContext;
        var keys = new CacheKey[functions.Count];
        Parallel.For(0, keys.Length, i => keys[i] = StencilEncoder.ComputeKey(functions[i].Module.Function.Stencil, keyContext));
        var finals = new CompiledCode[functions.Count];
        for (int i = 0; i < finals.Length; i++) finals[i] = Finalizer.Finalize(code[keys[i]], functions[i].Module.Function.Params);
        var bytes = ObjectAssembler.Assemble(finals, diagnostics)
            ?? throw new CliException(diagnostics[0], CliExitCodes.EnvironmentError);
        ObjectFileWriter.WriteAtomically(objPath, bytes);
        return Math.Round(clock.Elapsed.TotalMilliseconds, 2);
    }

    private TargetIsa DefaultIsa() => IsaFlags.TryParse(options.Settings, out var flags, out var error)
        ? IsaRegistry.Lookup(TargetTriple.X86_64Linux, flags)
        : throw CliException.Usage(BuildDiagnosticCodes.InvalidSetting, error!);

    private static string FileText(string[] functionTexts, Range range) => string.Join("\n", functionTexts[range]);

    /// <summary>Consecutive, nearly equal ranges of <paramref name="count"/> items over at most <paramref name="parts"/> files.</summary>
    private static IReadOnlyList<Range> Chunks(int count, int parts)
    {
        parts = Math.Clamp(parts, 1, Math.Max(1, count));
        return Enumerable.Range(0, parts).Select(i => new Range((int)((long)count * i / parts), (int)((long)count * (i + 1) / parts))).ToArray();
    }

    private static int FileOf(IReadOnlyList<Range> files, int index)
    {
        for (int i = 0; i < files.Count; i++) if (index >= files[i].Start.Value && index < files[i].End.Value) return i;
        throw new ArgumentOutOfRangeException(nameof(index));
    }

    [GeneratedRegex(@"^    return (v\d+)$", RegexOptions.Multiline)]
    private static partial Regex ReturnLine();
}
