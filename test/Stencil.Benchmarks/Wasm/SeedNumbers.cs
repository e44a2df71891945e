using Stencil.Engine.Caching;
using Stencil.Engine.Compilation;
using Stencil.Engine.Wasm;
using Stencil.Ir.Keys;
using Stencil.Isa;
using Stencil.Wasm.Translation;

namespace Stencil.Benchmarks.Wasm;

/// <summary>How much of a module deduplication took away: its defined functions whose stencil an earlier function
/// of the module already has, all IR functions likewise (trampolines included), and what compiling those
/// duplicates one by one costs (1 thread): the work a compiler without deduplication would have done on top.</summary>
internal sealed record DedupFigures(int DefinedFunctions, int DefinedDuplicates, int IrFunctions, int IrDuplicates, double DuplicatesCompileMs)
{
    public double Share => DefinedFunctions == 0 ? 0 : (double)DefinedDuplicates / DefinedFunctions;
    public double IrShare => IrFunctions == 0 ? 0 : (double)IrDuplicates / IrFunctions;

    /// <summary>The share of an undeduplicated compile that deduplication saves, against a cold 1-thread compile.</summary>
    public double Saving(double coldMs) => DuplicatesCompileMs / (coldMs + DuplicatesCompileMs);
}

/// <summary>hash-wasm's modules compiled one after another into one cache: how many functions of all but the first
/// found their code already there (defined wasm functions, and every IR function).</summary>
internal sealed record CrossModuleFigures(int Modules, int DefinedFunctions, int DefinedHits, int IrFunctions, int IrHits, int CacheHits, IReadOnlyList<string> Failed)
{
    public double HitRate => DefinedFunctions == 0 ? 0 : (double)DefinedHits / DefinedFunctions;
    public double IrHitRate => IrFunctions == 0 ? 0 : (double)IrHits / IrFunctions;
}

/// <summary>One constant changed in one function, rebuilt with the cache the original's cold compile filled
/// (both on 2 threads); Wasmtime recompiles the whole changed module (parallel compilation).</summary>
internal sealed record OneEditFigures(string Module, ConstantPatch Patch, Sample ColdMs, Sample OneEditMs, Sample WasmtimeMs, int Recompiled)
{
    public double Share => OneEditMs.WallMs / ColdMs.WallMs;
}

internal static class SeedNumbers
{
    public static DedupFigures Dedup(WasmCompilation compilation, int reps)
    {
        var functions = compilation.Module.Functions;
        var seen = new HashSet<CacheKey>();
        var duplicates = new List<int>();
        int defined = 0, definedDuplicates = 0;
        for (int i = 0; i < functions.Count; i++)
        {
            bool isDefined = functions[i].Kind == TranslatedKind.Function;
            if (isDefined) defined++;
            if (seen.Add(compilation.Keys[i])) continue;
            duplicates.Add(i);
            if (isDefined) definedDuplicates++;
        }
        var isa = IsaRegistry.Lookup(TargetTriple.X86_64Linux, new WasmCompileOptions().Flags);
        var times = new List<double>();
        for (int rep = 0; rep <= Math.Max(1, Math.Min(reps, 3)); rep++)
        {
            var context = new Context(isa);
            var sample = Measure.Time(() =>
            {
                foreach (int i in duplicates) context.Compile(functions[i].Function.Stencil, functions[i].Symbol);
            });
            if (rep > 0) times.Add(sample.WallMs);
        }
        return new DedupFigures(defined, definedDuplicates, functions.Count, duplicates.Count, Measure.Median(times));
    }

    public static CrossModuleFigures CrossModule(SortedDictionary<string, byte[]> modules, TextWriter log)
    {
        var cache = new MemoryCacheStore();
        var seen = new HashSet<CacheKey>();
        int compiled = 0, definedFunctions = 0, definedHits = 0, irFunctions = 0, irHits = 0, cacheHits = 0;
        var failed = new List<string>();
        foreach (var (name, bytes) in modules)
        {
            WasmCompilation compilation;
            try
            {
                compilation = StencilSide.Compile(new BenchModule(name, name + ".wasm", bytes, null), bytes, threads: 1, cache);
            }
            catch (Exception e) when (e is InvalidOperationException or Stencil.Ir.Diagnostics.DiagnosticException)
            {
                log.WriteLine($"  cross-module: {name} left out: {e.Message}");
                failed.Add(name);
                continue;
            }
            if (compiled++ > 0)
            {
                for (int i = 0; i < compilation.Keys.Count; i++)
                {
                    bool hit = seen.Contains(compilation.Keys[i]);
                    irFunctions++;
                    if (hit) irHits++;
                    if (compilation.Module.Functions[i].Kind != TranslatedKind.Function) continue;
                    definedFunctions++;
                    if (hit) definedHits++;
                }
                cacheHits += compilation.Stats.Cached;
            }
            seen.UnionWith(compilation.Keys);
        }
        return new CrossModuleFigures(compiled, definedFunctions, definedHits, irFunctions, irHits, cacheHits, failed);
    }

    public static OneEditFigures OneEdit(BenchModule module, int reps, TextWriter log)
    {
        var patch = ConstantPatch.Apply(module.Bytes, module.FileName);
        log.WriteLine($"  one edit: function {patch.FunctionIndex}, i32.const at 0x{patch.Offset:x}: {patch.OldValue} -> {patch.NewValue}");
        var patched = module with { Bytes = patch.Bytes };
        List<Sample> cold = [], edit = [], wasmtime = [];
        int recompiled = -1;
        for (int rep = 0; rep <= reps; rep++)
        {
            var cache = new MemoryCacheStore();
            var c = Measure.Time(() => StencilSide.Compile(module, module.Bytes, threads: 2, cache));
            WasmCompilation? rebuilt = null;
            var e = Measure.Time(() => rebuilt = StencilSide.Compile(patched, patch.Bytes, threads: 2, cache));
            recompiled = rebuilt!.Stats.Compiled;
            using var engine = WasmtimeSide.NewEngine(parallel: true);
            var w = Measure.Time(() => WasmtimeSide.Compile(engine, patched, patch.Bytes).Dispose());
            if (rep == 0) continue;
            cold.Add(c);
            edit.Add(e);
            wasmtime.Add(w);
            log.WriteLine($"  one edit rep {rep}: cold {c.WallMs:F0} ms, rebuild {e.WallMs:F0} ms ({recompiled} compiled), Wasmtime {w.WallMs:F0} ms");
        }
        return new OneEditFigures(module.Name, patch, Measure.Median(cold), Measure.Median(edit), Measure.Median(wasmtime), recompiled);
    }
}
