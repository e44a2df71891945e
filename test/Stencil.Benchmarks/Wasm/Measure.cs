using System.Diagnostics;

namespace Stencil.Benchmarks.Wasm;

/// <summary>Wall and process CPU time of one timed part (CPU: every thread of the process, so a parallel compile
/// shows its total work), and how long .NET's GC held the process's threads paused meanwhile (a serial part of a
/// parallel compile; zero for Wasmtime's native code).</summary>
internal readonly record struct Sample(double WallMs, double CpuMs, double GcPauseMs = 0);

internal static class Measure
{
    public static Sample Time(Action action)
    {
        // What the previous rep left behind is not this rep's cost.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var paused = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        action();
        clock.Stop();
        return new(clock.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds,
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static Sample Median(IReadOnlyCollection<Sample> samples) =>
        new(Median(samples.Select(s => s.WallMs)), Median(samples.Select(s => s.CpuMs)), Median(samples.Select(s => s.GcPauseMs)));

    public static double GeometricMean(IEnumerable<double> values)
    {
        var list = values.Where(v => v > 0 && double.IsFinite(v)).ToArray();
        return list.Length == 0 ? double.NaN : Math.Exp(list.Average(Math.Log));
    }
}
