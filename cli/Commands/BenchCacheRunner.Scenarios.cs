using System.Diagnostics;
using Stencil.CacheDb;
using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Generation;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;

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
        for (int run = 0; run < Math.Max(1, options.Repeats); run++)
        {
            unique.Add(Build(uniqueSources, workspace.PathOf($"unique-{run}.db"), workspace.PathOf("unique.o"), expectCompiled: half));
            dup.Add(Build(dupSources, workspace.PathOf($"dup-{run}.db"), workspace.PathOf("dup.o"), expectCompiled: half, expectDeduplicated: half));
        }
        return (BenchTimer.Median(dup), BenchTimer.Median(unique));
    }

    /// <summary>
    /// A no-change build taken apart into the steps <see cref="ProjectBuilder"/> and the cache session perform,
    /// each timed on its own, to show where the time of a fully cached build goes.
    /// </summary>
    private static IReadOnlyList<BenchStage> NoChangeStages(IReadOnlyList<string> sources, string dbPath, string objPath)
    {
        var stages = new List<BenchStage>();
        Settle();
        var clock = Stopwatch.StartNew();
        void Stage(string name)
        {
            stages.Add(new BenchStage(name, Math.Round(clock.Elapsed.TotalMilliseconds, 2)));
            clock.Restart();
        }

        var started = DateTime.UtcNow;
        var database = OpenCache(dbPath);
        database.BeginBuild();
        Stage("open cache");
        var diagnostics = new List<Diagnostic>();
        var texts = sources.Select(File.ReadAllText).ToArray();
        Stage("read sources");
        var parsed = texts.Select((t, i) => ClifReader.ParseFile(t, sources[i])).ToArray();
        Stage("parse");
        foreach (var file in parsed)
            foreach (var cf in file.Functions)
                if (Verifier.Verify(cf.Function).Count > 0)
                    throw CliException.Environment(BuildDiagnosticCodes.Internal, $"benchmark: generated `{cf.Function.Name}` does not verify");
        Stage("verify");
        var functions = parsed.SelectMany(f => f.Functions).Select(cf => new ModuleFunction(cf.Function)).ToArray();
        var keyContext = new ParallelModuleCompiler(DefaultIsa(), null).KeyContext;
        var keys = new CacheKey[functions.Length];
        Parallel.For(0, keys.Length, i => keys[i] = StencilEncoder.ComputeKey(functions[i].Function.Stencil, keyContext));
        Stage("keys");
        var payloads = new byte[functions.Length][];
        for (int i = 0; i < keys.Length; i++)
            if (!database.TryGet(keys[i], functions[i].DisplayName, out payloads[i]!))
                throw CliException.Environment(BuildDiagnosticCodes.Internal, $"benchmark: `{functions[i].DisplayName}` missed in a no-change build");
        Stage("cache lookups");
        var code = new CompiledCodeStencil[keys.Length];
        for (int i = 0; i < code.Length; i++)
            if (!CompiledCodeCodec.TryDecode(payloads[i], out code[i]!))
                throw CliException.Environment(BuildDiagnosticCodes.Internal, $"benchmark: cached code of `{functions[i].DisplayName}` does not decode");
        Stage("decode");
        var finals = new CompiledCode[code.Length];
        for (int i = 0; i < finals.Length; i++) finals[i] = Finalizer.Finalize(code[i], functions[i].Function.Params);
        Stage("finalize");
        var bytes = ObjectAssembler.Assemble(finals, diagnostics) ?? throw new CliException(diagnostics[0], CliExitCodes.EnvironmentError);
        Stage("assemble object");
        ObjectFileWriter.WriteAtomically(objPath, bytes);
        Stage("write object");
        database.Commit(new BuildRecord(Project, started, DateTime.UtcNow, functions.Length, functions.Length, 0, 0, 0));
        Stage("commit");
        database.Dispose();
        Stage("close cache");
        return stages;
    }
}
