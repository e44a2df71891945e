namespace Stencil.Benchmarks.Wasm;

/// <summary>With <c>STENCIL_BENCH_PERFMAP=1</c>, both instances describe their code to <c>perf</c> in
/// <c>/tmp/perf-PID.map</c>: Wasmtime through its own profiling strategy, Stencil by appending its functions after it.</summary>
internal static class PerfMap
{
    public static bool Enabled => Environment.GetEnvironmentVariable("STENCIL_BENCH_PERFMAP") == "1";

    /// <summary>Appends one line per function, each reaching to the next start (the last one 4 KiB).</summary>
    public static void Append(List<(long Address, string Name)> sortedStarts)
    {
        using var map = new StreamWriter($"/tmp/perf-{Environment.ProcessId}.map", append: true);
        for (int i = 0; i < sortedStarts.Count; i++)
        {
            long size = i + 1 < sortedStarts.Count ? sortedStarts[i + 1].Address - sortedStarts[i].Address : 4096;
            map.WriteLine($"{sortedStarts[i].Address:x} {size:x} {sortedStarts[i].Name}");
        }
    }
}
