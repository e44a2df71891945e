using System.Runtime.InteropServices;
using Stencil.Engine.Wasm;
using Stencil.Testing;

namespace Stencil.Benchmarks.Wasm;

/// <summary>
/// <c>wasm [--json] [--smoke] [--reps N] [--modules a,b] [--one-edit NAME] [--downloads DIR] [--json-file FILE] [--run-only] [--dump DIR] [--compile-warmup N]</c>: real WebAssembly modules compiled and run by Stencil and by Wasmtime
/// 50.0.1 side by side (shared/reference/wasm-frontend.md section 5's protocol), plus the founding document's three
/// numbers. Progress goes to stderr, the report to stdout (and, with <c>--json-file</c>, to that file and a <c>.md</c>
/// beside it after every module). <c>--modules</c> measures some modules only, in the order given; the changed
/// function goes into the largest one measured unless <c>--one-edit</c> names one. <c>--run-only</c> compiles each module once
/// (code sizes) and measures the real work only: no compile times, seed numbers or one edit. <c>--dump</c> writes both
/// compilers' objects (<c>NAME.stencil.o</c>, <c>NAME.wasmtime.elf</c>) there, for objdump. <c>--compile-warmup N</c> discards
/// the first N compiles of each module on both sides (default 1, the protocol's one warm-up): a tiered JIT is still
/// re-compiling the compiler's hot methods for a few compiles, so N of 4 or more gives the steady state a long-lived
/// compiler process (the compiler server) reaches. Exit 1 when a module failed or outputs differed.
/// </summary>
internal static class WasmBench
{
    private sealed record Options(bool Json, bool Smoke, int Reps, int CompileWarmup, string Downloads, string? JsonFile, string[]? Modules, string? OneEdit, bool RunOnly, string? Dump);

    private const string Usage = "usage: Stencil.Benchmarks wasm [--json] [--smoke] [--reps N] [--modules a,b] [--one-edit NAME] [--downloads DIR] [--json-file FILE] [--run-only] [--dump DIR] [--compile-warmup N]";

    public static int Run(string[] args, TextWriter output)
    {
        if (!TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine($"{error}\n{Usage}");
            return 2;
        }
        if (!Prerequisite.TryFindTool("npm", out var npm))
        {
            Console.Error.WriteLine("wasm: npm is needed to fetch the modules (scripts/install-prereqs.sh installs it)");
            return 2;
        }
        UseTwoRayonThreads();
        var log = Console.Error;
        var catalog = new ModuleCatalog(npm, options.Downloads);
        string load = Load();
        List<BenchModule> modules;
        SortedDictionary<string, byte[]> hashWasm;
        try
        {
            modules = options.Smoke ? catalog.Smoke() : catalog.All();
            hashWasm = catalog.HashWasm();
        }
        catch (NpmPackException e)
        {
            Console.Error.WriteLine($"wasm: {e.Message}");
            return 2;
        }
        if (options.Modules is { } chosen)
        {
            if (chosen.FirstOrDefault(n => modules.All(m => m.Name != n)) is { } unknown)
            {
                Console.Error.WriteLine($"wasm: no module `{unknown}` (there are {string.Join(", ", modules.Select(m => m.Name))})");
                return 2;
            }
            modules = chosen.Select(n => modules.Single(m => m.Name == n)).ToList();
        }
        log.WriteLine($"wasm: {modules.Count} modules from {catalog.Downloads}, {options.Reps} reps after {options.CompileWarmup} compile warm-up(s), load {load}");

        var results = new List<ModuleResult>();
        CrossModuleFigures? cross = null;
        OneEditFigures? oneEdit = null;
        // Written again after every step, so a run cut short still leaves what it measured.
        WasmBenchReport Report()
        {
            var seedModule = results.LastOrDefault(r => r.Dedup is not null);
            return new WasmBenchReport(results, seedModule?.Dedup, seedModule?.Name, seedModule?.Stencil1.WallMs ?? double.NaN, cross, oneEdit,
                $"{load} (start) / {Load()} (now)", RuntimeMode.Describe(), options.Reps, options.Smoke) { CompileWarmup = options.CompileWarmup };
        }
        void Save()
        {
            if (options.JsonFile is not { } file) return;
            var report = Report();
            File.WriteAllText(file, report.ToJsonText() + "\n");
            using var markdown = new StreamWriter(Path.ChangeExtension(file, ".md"));
            report.WriteMarkdown(markdown);
        }

        foreach (var module in modules)
        {
            var result = new ModuleResult(module.Name);
            results.Add(result);
            try
            {
                if (options.Dump is { } dump) DumpObjects(module, dump);
                if (options.RunOnly) MeasureRunOnly(module, result, options.Reps, log);
                else Measure(module, result, options.Reps, options.CompileWarmup, log);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                result.Error = $"{e.GetType().Name}: {e.Message}";
                log.WriteLine($"  {module.Name}: {result.Error}");
            }
            Save();
        }

        if (options.RunOnly)
        {
            var partial = Report();
            if (options.Json) output.WriteLine(partial.ToJsonText());
            else partial.WriteMarkdown(output);
            return results.All(r => r.Error is null && r.Run is not { Match: false }) ? 0 : 1;
        }
        log.WriteLine("cross-module hits: hash-wasm's modules into one cache");
        cross = SeedNumbers.CrossModule(hashWasm, log);
        Save();
        // The largest module that compiled, unless one is named.
        var editModule = options.OneEdit is { } name ? catalog.All().Single(m => m.Name == name)
            : modules.Where(m => results.Single(r => r.Name == m.Name).Error is null).MaxBy(m => m.Bytes.Length);
        if (editModule is not null)
        {
            log.WriteLine($"one changed function: {editModule.Name}");
            try { oneEdit = SeedNumbers.OneEdit(editModule, options.Reps, log); }
            catch (Exception e) when (e is InvalidOperationException) { log.WriteLine($"  one edit: {e.Message}"); }
            Save();
        }

        var final = Report();
        if (options.Json) output.WriteLine(final.ToJsonText());
        else final.WriteMarkdown(output);
        bool ok = results.All(r => r.Error is null && r.Run is not { Match: false }) && cross.Failed.Count == 0 && oneEdit is not null;
        return ok ? 0 : 1;
    }

    /// <summary>One module: compile times interleaved (Stencil first on even reps, Wasmtime first on odd ones), the first
    /// <paramref name="warmup"/> reps discarded; code sizes; deduplication; then the real work, interleaved likewise, outputs compared on every rep.</summary>
    private static void Measure(BenchModule module, ModuleResult result, int reps, int warmup, TextWriter log)
    {
        log.WriteLine($"{module.Name}: {module.Bytes.Length:N0} bytes");
        List<Sample> s1 = [], w1 = [], s2 = [], w2 = [];
        WasmCompilation? last = null;
        for (int rep = 0; rep < warmup + reps; rep++)
        {
            Sample S(int threads) => Wasm.Measure.Time(() => last = StencilSide.Compile(module, module.Bytes, threads));
            Sample W(bool parallel)
            {
                using var engine = WasmtimeSide.NewEngine(parallel);
                return Wasm.Measure.Time(() => WasmtimeSide.Compile(engine, module, module.Bytes).Dispose());
            }
            Sample a1, b1, a2, b2;
            if (rep % 2 == 0) { a1 = S(1); b1 = W(false); a2 = S(2); b2 = W(true); }
            else { b1 = W(false); a1 = S(1); b2 = W(true); a2 = S(2); }
            log.WriteLine($"  compile rep {rep}{(rep < warmup ? " (warm-up)" : "")}: Stencil {a1.WallMs:F0}/{a2.WallMs:F0} ms, Wasmtime {b1.WallMs:F0}/{b2.WallMs:F0} ms (1t/2t)");
            if (rep < warmup) continue;
            s1.Add(a1); w1.Add(b1); s2.Add(a2); w2.Add(b2);
        }
        result.Stencil1 = Wasm.Measure.Median(s1);
        result.Wasmtime1 = Wasm.Measure.Median(w1);
        result.Stencil2 = Wasm.Measure.Median(s2);
        result.Wasmtime2 = Wasm.Measure.Median(w2);
        result.Functions = last!.Module.Module.Bodies.Count;
        result.StencilSizes = StencilSide.FunctionSizes(last);
        result.WasmtimeSizes = WasmtimeSide.FunctionSizes(module);
        result.Dedup = SeedNumbers.Dedup(last, reps);
        log.WriteLine($"  code {result.StencilCodeBytes:N0} / {result.WasmtimeCodeBytes:N0} bytes; {result.Dedup.DefinedDuplicates} duplicates");
        if (module.Workload is { } work) result.Run = RunWork(module, work, reps, log);
    }

    /// <summary>One compile for the code sizes, then the real work as in <see cref="Measure"/>.</summary>
    private static void MeasureRunOnly(BenchModule module, ModuleResult result, int reps, TextWriter log)
    {
        log.WriteLine($"{module.Name}: {module.Bytes.Length:N0} bytes (run only)");
        var compilation = StencilSide.Compile(module, module.Bytes, Environment.ProcessorCount);
        result.Functions = compilation.Module.Module.Bodies.Count;
        result.StencilSizes = StencilSide.FunctionSizes(compilation);
        result.WasmtimeSizes = WasmtimeSide.FunctionSizes(module);
        log.WriteLine($"  code {result.StencilCodeBytes:N0} / {result.WasmtimeCodeBytes:N0} bytes");
        if (module.Workload is { } work) result.Run = RunWork(module, work, reps, log);
    }

    private static void DumpObjects(BenchModule module, string folder)
    {
        Directory.CreateDirectory(folder);
        var compilation = StencilSide.Compile(module, module.Bytes, Environment.ProcessorCount);
        var diagnostics = new List<Stencil.Ir.Diagnostics.Diagnostic>();
        File.WriteAllBytes(Path.Combine(folder, module.Name + ".stencil.o"), WasmCompiler.CompileObject(compilation, diagnostics)!);
        File.WriteAllBytes(Path.Combine(folder, module.Name + ".wasmtime.elf"), WasmtimeSide.Serialize(module));
    }

    private static RunResult RunWork(BenchModule module, Workload work, int reps, TextWriter log)
    {
        using var stencil = StencilSide.Instantiate(module, work);
        using var wasmtime = WasmtimeSide.Instantiate(module, work);
        work.Initialize(stencil);
        work.Initialize(wasmtime);
        List<Sample> s = [], w = [];
        bool match = true;
        int outputBytes = 0;
        for (int rep = 0; rep <= reps; rep++)
        {
            byte[] fromStencil = [], fromWasmtime = [];
            Sample RunS() => Wasm.Measure.Time(() => fromStencil = work.Run(stencil));
            Sample RunW() => Wasm.Measure.Time(() => fromWasmtime = work.Run(wasmtime));
            Sample a, b;
            if (rep % 2 == 0) { a = RunS(); b = RunW(); } else { b = RunW(); a = RunS(); }
            match &= fromStencil.AsSpan().SequenceEqual(fromWasmtime);
            outputBytes = fromStencil.Length;
            log.WriteLine($"  run rep {rep}{(rep == 0 ? " (warm-up)" : "")}: Stencil {a.WallMs:F0} ms, Wasmtime {b.WallMs:F0} ms (CPU {a.CpuMs:F0} / {b.CpuMs:F0} ms), {(match ? "identical" : "DIFFERENT")}");
            if (rep == 0) continue;
            s.Add(a);
            w.Add(b);
        }
        return new RunResult(work.Description, Wasm.Measure.Median(s), Wasm.Measure.Median(w), match, outputBytes);
    }

    private static bool TryParse(string[] args, out Options options, out string error)
    {
        bool json = false, smoke = false;
        int? reps = null;
        int warmup = 1;
        string downloads = ModuleCatalog.DefaultDownloads;
        string? jsonFile = null, oneEdit = null, dump = null;
        bool runOnly = false;
        string[]? modules = null;
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--smoke": smoke = true; break;
                case "--reps" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n >= 1: reps = n; i++; break;
                case "--downloads" when i + 1 < args.Length: downloads = Path.GetFullPath(args[++i]); break;
                case "--json-file" when i + 1 < args.Length: jsonFile = Path.GetFullPath(args[++i]); break;
                case "--modules" when i + 1 < args.Length: modules = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--one-edit" when i + 1 < args.Length: oneEdit = args[++i]; break;
                case "--run-only": runOnly = true; break;
                case "--compile-warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], out var w) && w >= 1: warmup = w; i++; break;
                case "--dump" when i + 1 < args.Length: dump = Path.GetFullPath(args[++i]); break;
                default: error = $"unknown or incomplete option `{args[i]}`"; options = null!; return false;
            }
        }
        options = new Options(json, smoke, reps ?? (smoke ? 1 : 5), warmup, downloads, jsonFile, modules, oneEdit, runOnly, dump);
        return true;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Wasmtime's parallel compilation uses rayon, which sizes its pool from <c>RAYON_NUM_THREADS</c> in the
    /// native environment (which .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not
    /// change): 2 threads, to match Stencil's 2-thread compile, unless the caller chose.</summary>
    private static void UseTwoRayonThreads()
    {
        if (Environment.GetEnvironmentVariable("RAYON_NUM_THREADS") is null && OperatingSystem.IsLinux()) SetEnv("RAYON_NUM_THREADS", "2", 0);
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
