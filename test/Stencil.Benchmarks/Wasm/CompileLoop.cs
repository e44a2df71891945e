using Stencil.Testing;

namespace Stencil.Benchmarks.Wasm;

/// <summary>
/// <c>wasm-loop MODULE [--threads N] [--reps N] [--downloads DIR]</c>: Stencil's cold compile of one module, again and
/// again, with nothing else in the process: the loop to attach a profiler (perf, dotnet-trace) to. Prints the runtime's
/// mode, each rep's wall and CPU milliseconds, bytes allocated and collections, then the median of all but the first.
/// </summary>
internal static class CompileLoop
{
    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: Stencil.Benchmarks wasm-loop MODULE [--threads N] [--reps N] [--downloads DIR]");
            return 2;
        }
        int threads = 1, reps = 10;
        string downloads = ModuleCatalog.DefaultDownloads;
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--threads": threads = int.Parse(args[i + 1]); break;
                case "--reps": reps = int.Parse(args[i + 1]); break;
                case "--downloads": downloads = Path.GetFullPath(args[i + 1]); break;
                default: Console.Error.WriteLine($"unknown option `{args[i]}`"); return 2;
            }
        }
        if (!Prerequisite.TryFindTool("npm", out var npm))
        {
            Console.Error.WriteLine("wasm-loop: npm is needed to fetch the modules");
            return 2;
        }
        var module = new ModuleCatalog(npm, downloads).All().SingleOrDefault(m => m.Name == args[0]);
        if (module is null)
        {
            Console.Error.WriteLine($"wasm-loop: no module `{args[0]}`");
            return 2;
        }
        output.WriteLine($"runtime: {RuntimeMode.Describe()}");
        var samples = new List<Sample>();
        for (int rep = 0; rep <= reps; rep++)
        {
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            int collections = GC.CollectionCount(0);
            var sample = Measure.Time(() => StencilSide.Compile(module, module.Bytes, threads));
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            output.WriteLine($"rep {rep}: {sample.WallMs:F1} ms wall, {sample.CpuMs:F1} ms CPU, {allocated / 1048576.0:F0} MB allocated, {GC.CollectionCount(0) - collections} GCs, {sample.GcPauseMs:F1} ms paused");
            if (rep > 0) samples.Add(sample);
        }
        var median = Measure.Median(samples);
        output.WriteLine($"{module.Name} at {threads} thread(s): median {median.WallMs:F1} ms wall, {median.CpuMs:F1} ms CPU over {reps} reps");
        return 0;
    }
}
