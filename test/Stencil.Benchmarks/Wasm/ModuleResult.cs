namespace Stencil.Benchmarks.Wasm;

/// <summary>The real work's medians on both runtimes, and whether their outputs were byte-identical on every rep.</summary>
internal sealed record RunResult(string Work, Sample Stencil, Sample Wasmtime, bool Match, int OutputBytes);

/// <summary>Everything measured on one module; <see cref="Error"/> set when a part could not be measured (what was
/// measured before it stays).</summary>
internal sealed class ModuleResult(string name)
{
    public string Name { get; } = name;
    public int Functions { get; set; }
    public Sample Stencil1 { get; set; }
    public Sample Wasmtime1 { get; set; }
    public Sample Stencil2 { get; set; }
    public Sample Wasmtime2 { get; set; }
    public Dictionary<int, int> StencilSizes { get; set; } = [];
    public Dictionary<int, int> WasmtimeSizes { get; set; } = [];
    public DedupFigures? Dedup { get; set; }
    public RunResult? Run { get; set; }
    public string? Error { get; set; }

    public long StencilCodeBytes => StencilSizes.Values.Sum(v => (long)v);
    public long WasmtimeCodeBytes => WasmtimeSizes.Values.Sum(v => (long)v);

    /// <summary>Stencil/Wasmtime per function, on the functions both report.</summary>
    public IEnumerable<(int Index, int Stencil, int Wasmtime)> JoinedSizes() =>
        StencilSizes.Where(s => WasmtimeSizes.ContainsKey(s.Key)).OrderBy(s => s.Key).Select(s => (s.Key, s.Value, WasmtimeSizes[s.Key]));

    public double SizeRatioGeomean => Measure.GeometricMean(JoinedSizes().Select(j => (double)j.Stencil / j.Wasmtime));
    public int FunctionsOver(double ratio) => JoinedSizes().Count(j => j.Stencil > ratio * j.Wasmtime);

    public (int Index, int Stencil, int Wasmtime)? WorstFunction =>
        JoinedSizes().Where(j => j.Wasmtime > 0).OrderByDescending(j => (double)j.Stencil / j.Wasmtime).Cast<(int, int, int)?>().FirstOrDefault();
}
