using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stencil.Benchmarks.Wasm;

/// <summary>The benchmark's results as the issue's JSON object (extra fields beside the required ones) or as
/// markdown tables.</summary>
internal sealed record WasmBenchReport(IReadOnlyList<ModuleResult> Modules, DedupFigures? SeedDedup, string? SeedDedupModule, double SeedDedupColdMs,
    CrossModuleFigures? CrossModule, OneEditFigures? OneEdit, string Load, string Runtime, int Reps, bool Smoke)
{
    /// <summary>Compiles discarded before the timed ones (<c>--compile-warmup</c>).</summary>
    public int CompileWarmup { get; init; } = 1;

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 3) : double.NaN;
    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(Round(v)) : null;

    public JsonObject ToJson()
    {
        var modules = new JsonArray();
        foreach (var m in Modules)
        {
            var o = new JsonObject
            {
                ["name"] = m.Name,
                ["functions"] = m.Functions,
                ["stencil_ms_1t"] = Number(m.Stencil1.WallMs),
                ["wasmtime_ms_1t"] = Number(m.Wasmtime1.WallMs),
                ["stencil_ms_2t"] = Number(m.Stencil2.WallMs),
                ["wasmtime_ms_2t"] = Number(m.Wasmtime2.WallMs),
                ["stencil_code_bytes"] = m.StencilCodeBytes,
                ["wasmtime_code_bytes"] = m.WasmtimeCodeBytes,
                ["run"] = m.Run is { } r ? new JsonObject
                {
                    ["work"] = r.Work,
                    ["stencil_ms"] = Number(r.Stencil.WallMs),
                    ["wasmtime_ms"] = Number(r.Wasmtime.WallMs),
                    ["match"] = r.Match,
                    ["output_bytes"] = r.OutputBytes,
                } : null,
                ["stencil_cpu_ms_1t"] = Number(m.Stencil1.CpuMs),
                ["wasmtime_cpu_ms_1t"] = Number(m.Wasmtime1.CpuMs),
                ["stencil_cpu_ms_2t"] = Number(m.Stencil2.CpuMs),
                ["wasmtime_cpu_ms_2t"] = Number(m.Wasmtime2.CpuMs),
                ["stencil_gc_pause_ms_1t"] = Number(m.Stencil1.GcPauseMs),
                ["stencil_gc_pause_ms_2t"] = Number(m.Stencil2.GcPauseMs),
                ["code_size_ratio_geomean"] = Number(m.SizeRatioGeomean),
                ["functions_over_1_5x"] = m.FunctionsOver(1.5),
                ["dedup_share"] = m.Dedup is { } d1 ? Number(d1.Share) : null,
                ["dedup_share_ir"] = m.Dedup is { } d2 ? Number(d2.IrShare) : null,
                ["duplicates_compile_ms"] = m.Dedup is { } d3 ? Number(d3.DuplicatesCompileMs) : null,
                ["dedup_saving"] = m.Dedup is { } d4 ? Number(d4.Saving(m.Stencil1.WallMs)) : null,
                ["function_sizes"] = new JsonArray(m.JoinedSizes().Select(j => (JsonNode)new JsonArray(j.Index, j.Stencil, j.Wasmtime)).ToArray()),
            };
            if (m.Error is not null) o["error"] = m.Error;
            modules.Add(o);
        }
        var seed = new JsonObject
        {
            ["dedup_share"] = SeedDedup is { } d ? Number(d.Share) : null,
            ["dedup_saving"] = SeedDedup is { } s ? Number(s.Saving(SeedDedupColdMs)) : null,
            ["cross_module_hit_rate"] = CrossModule is { } c ? Number(c.HitRate) : null,
            ["cold_ms"] = OneEdit is { } e ? Number(e.ColdMs.WallMs) : null,
            ["oneedit_ms"] = OneEdit is { } e2 ? Number(e2.OneEditMs.WallMs) : null,
            ["wasmtime_oneedit_ms"] = OneEdit is { } e3 ? Number(e3.WasmtimeMs.WallMs) : null,
            ["dedup_module"] = SeedDedupModule,
            ["cross_module_modules"] = CrossModule?.Modules,
            ["cross_module_hit_rate_ir"] = CrossModule is { } c2 ? Number(c2.IrHitRate) : null,
            ["oneedit_module"] = OneEdit?.Module,
            ["oneedit_function"] = OneEdit?.Patch.FunctionIndex,
            ["oneedit_recompiled"] = OneEdit?.Recompiled,
            ["oneedit_share"] = OneEdit is { } e4 ? Number(e4.Share) : null,
        };
        return new JsonObject
        {
            ["modules"] = modules,
            ["seed"] = seed,
            ["geomeans"] = Geomeans(),
            ["load"] = Load,
            ["runtime"] = Runtime,
            ["reps"] = Reps,
            ["compile_warmup"] = CompileWarmup,
            ["smoke"] = Smoke,
        };
    }

    /// <summary>The issue's targets: geometric means of Stencil/Wasmtime over the modules that have the figure.</summary>
    private JsonObject Geomeans() => new()
    {
        ["compile_1t"] = Number(Ratio(m => (m.Stencil1.WallMs, m.Wasmtime1.WallMs))),
        ["compile_2t"] = Number(Ratio(m => (m.Stencil2.WallMs, m.Wasmtime2.WallMs))),
        ["stencil_2t_speedup"] = Number(Measure.GeometricMean(Modules.Select(m => m.Stencil1.WallMs / m.Stencil2.WallMs))),
        ["run"] = Number(Ratio(m => m.Run is { } r ? (r.Stencil.WallMs, r.Wasmtime.WallMs) : (double.NaN, double.NaN))),
        ["code_size"] = Number(Ratio(m => (m.StencilCodeBytes, m.WasmtimeCodeBytes))),
    };

    private double Ratio(Func<ModuleResult, (double Stencil, double Wasmtime)> figure) =>
        Measure.GeometricMean(Modules.Select(figure).Select(f => f.Stencil / f.Wasmtime));

    public string ToJsonText() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    /// <summary>A heading, a blank line and a table's header and alignment rows.</summary>
    private static void Table(TextWriter w, string heading, string header, string alignment)
    {
        w.WriteLine(heading);
        w.WriteLine();
        w.WriteLine(header);
        w.WriteLine(alignment);
    }

    public void WriteMarkdown(TextWriter w)
    {
        string F(double v, string format = "N1") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
        string R(double s, double t) => F(s / t, "N2");
        w.WriteLine($"Runtime: {Runtime}.");
        w.WriteLine($"Load average: {Load}; medians of {Reps} reps after {(CompileWarmup == 1 ? "one discarded warm-up" : $"{CompileWarmup} discarded warm-up compiles (1 for the real work)")}; wall ms (process CPU ms).");
        w.WriteLine();
        Table(w, "### Compile time (opt speed; Stencil cold, no cache; Wasmtime explicit bounds checks, engine made outside the timer)", "| module | functions | Stencil 1t | Wasmtime 1t | ratio 1t | Stencil 2t | Wasmtime 2t | ratio 2t | Stencil 1t/2t |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in Modules)
            w.WriteLine($"| {m.Name} | {m.Functions:N0} | {F(m.Stencil1.WallMs)} ({F(m.Stencil1.CpuMs, "N0")}) | {F(m.Wasmtime1.WallMs)} ({F(m.Wasmtime1.CpuMs, "N0")}) | " +
                $"{R(m.Stencil1.WallMs, m.Wasmtime1.WallMs)} | {F(m.Stencil2.WallMs)} ({F(m.Stencil2.CpuMs, "N0")}) | {F(m.Wasmtime2.WallMs)} ({F(m.Wasmtime2.CpuMs, "N0")}) | " +
                $"{R(m.Stencil2.WallMs, m.Wasmtime2.WallMs)} | {R(m.Stencil1.WallMs, m.Stencil2.WallMs)} |");
        w.WriteLine();
        Table(w, "### Stencil's GC pauses while compiling (ms, share of the compile's wall time)", "| module | 1t | 2t |", "|---|---:|---:|");
        foreach (var m in Modules)
            w.WriteLine($"| {m.Name} | {F(m.Stencil1.GcPauseMs)} ({F(100 * m.Stencil1.GcPauseMs / m.Stencil1.WallMs)}%) | {F(m.Stencil2.GcPauseMs)} ({F(100 * m.Stencil2.GcPauseMs / m.Stencil2.WallMs)}%) |");
        w.WriteLine();
        Table(w, "### Code size (defined functions; Wasmtime: `wasm[0]::function[N]` symbol sizes)", "| module | Stencil bytes | Wasmtime bytes | ratio | per-function geomean | functions > 1.5× | largest ratio (function: Stencil/Wasmtime bytes) |", "|---|---:|---:|---:|---:|---:|---|");
        foreach (var m in Modules)
        {
            var worst = m.WorstFunction is { } x ? $"{x.Index}: {x.Stencil:N0}/{x.Wasmtime:N0}" : "–";
            w.WriteLine($"| {m.Name} | {m.StencilCodeBytes:N0} | {m.WasmtimeCodeBytes:N0} | {R(m.StencilCodeBytes, m.WasmtimeCodeBytes)} | {F(m.SizeRatioGeomean, "N2")} | {m.FunctionsOver(1.5):N0} | {worst} |");
        }
        w.WriteLine();
        Table(w, "### Run time (same inputs; outputs compared byte for byte on every rep)", "| module | work | Stencil ms | Wasmtime ms | ratio | output | identical |", "|---|---|---:|---:|---:|---:|---|");
        foreach (var m in Modules.Where(m => m.Run is not null))
        {
            var r = m.Run!;
            w.WriteLine($"| {m.Name} | {r.Work} | {F(r.Stencil.WallMs)} | {F(r.Wasmtime.WallMs)} | {R(r.Stencil.WallMs, r.Wasmtime.WallMs)} | {r.OutputBytes:N0} B | {(r.Match ? "yes" : "**no**")} |");
        }
        w.WriteLine();
        Table(w, "### Deduplication (defined functions whose stencil an earlier function of the module has)", "| module | defined | duplicates | share | IR functions | IR duplicates | compiling the duplicates (1t) ms | saving vs cold 1t |", "|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in Modules.Where(m => m.Dedup is not null))
        {
            var d = m.Dedup!;
            w.WriteLine($"| {m.Name} | {d.DefinedFunctions:N0} | {d.DefinedDuplicates:N0} | {F(d.Share * 100)}% | {d.IrFunctions:N0} | {d.IrDuplicates:N0} | {F(d.DuplicatesCompileMs)} | {F(d.Saving(m.Stencil1.WallMs) * 100)}% |");
        }
        w.WriteLine();
        Table(w, "### The founding document's numbers", "| number | measured | the document |", "|---|---|---|");
        if (SeedDedup is { } sd)
            w.WriteLine($"| deduplication ({SeedDedupModule}) | {F(sd.Share * 100)}% of functions, {F(sd.Saving(SeedDedupColdMs) * 100)}% of the compile | 20% on a large module |");
        if (CrossModule is { } c)
            w.WriteLine($"| cross-module hits (hash-wasm, {c.Modules} modules into one cache, all but the first) | {F(c.HitRate * 100)}% of defined functions ({c.DefinedHits}/{c.DefinedFunctions}); {F(c.IrHitRate * 100)}% of IR functions with trampolines ({c.IrHits}/{c.IrFunctions}) | up to 70% |");
        if (OneEdit is { } e)
            w.WriteLine($"| one changed function ({e.Module}, function {e.Patch.FunctionIndex}: {e.Patch.OldValue} → {e.Patch.NewValue}; {e.Recompiled} compiled) | {F(e.OneEditMs.WallMs)} ms vs cold {F(e.ColdMs.WallMs)} ms = {F(e.Share * 100)}%; Wasmtime recompiles in {F(e.WasmtimeMs.WallMs)} ms | 10–50% of a compile |");
        w.WriteLine();
        var g = Geomeans();
        Table(w, "### Targets (geometric means of Stencil/Wasmtime)", "| target | measured | goal |", "|---|---:|---:|");
        w.WriteLine($"| compile 1 thread | {g["compile_1t"]?.ToString() ?? "–"} | ≤ 1.0 |");
        w.WriteLine($"| run time | {g["run"]?.ToString() ?? "–"} | ≤ 1.1 |");
        w.WriteLine($"| code size | {g["code_size"]?.ToString() ?? "–"} | ≤ 1.2 |");
        w.WriteLine($"| Stencil 2-thread speed-up | {g["stencil_2t_speedup"]?.ToString() ?? "–"}× | ≥ 1.8× |");
        w.WriteLine($"| one changed function | {(OneEdit is { } oe ? F(oe.Share * 100, "N2") + "%" : "–")} of cold | ≤ 3% |");
        foreach (var m in Modules.Where(m => m.Error is not null)) w.WriteLine($"\n**{m.Name}**: {m.Error}");
    }
}
