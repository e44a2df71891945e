using System.Diagnostics;

namespace Stencil.Cli.Commands;

/// <summary>Wall-clock timing helpers for the benchmark: milliseconds with a fractional part, and medians.</summary>
public static class BenchTimer
{
    public static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return Math.Round(clock.Elapsed.TotalMilliseconds, 2);
    }

    public static double Median(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var sorted = samples.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : Math.Round((sorted[mid - 1] + sorted[mid]) / 2, 2);
    }
}
