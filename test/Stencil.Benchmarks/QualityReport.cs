using System.Diagnostics;
using Stencil.Engine.Compilation;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project test/Stencil.Benchmarks -- quality</c>: one quick table of what
/// <c>opt_level=speed</c> buys over <c>none</c> (code size, median run time of each kernel, and whether both
/// levels compute the same result), then compile time per instruction at both levels. Stopwatch medians over
/// a fixed number of runs: a quick look; the BenchmarkDotNet suites are the careful measurement.
/// </summary>
public static class QualityReport
{
    private const int Runs = 21;

    public static void Run(TextWriter output)
    {
        output.WriteLine("| kernel | code bytes none | code bytes speed | size change | run none | run speed | speedup | same result |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var name in Kernel.Names)
        {
            using var kernel = Kernel.Create(name);
            using var none = new CompiledKernel(kernel.Text, OptLevel.None);
            using var speed = new CompiledKernel(kernel.Text, OptLevel.Speed);
            long resultNone = 0, resultSpeed = 0;
            var tNone = Median(() => resultNone = none.Call(none.Pointer(name), kernel.Args));
            var tSpeed = Median(() => resultSpeed = speed.Call(speed.Pointer(name), kernel.Args));
            Row(output, name, none.CodeBytes, speed.CodeBytes, tNone, tSpeed, resultNone == resultSpeed);
        }
        using (var none = new GeneratedCalls(OptLevel.None))
        using (var speed = new GeneratedCalls(OptLevel.Speed))
        {
            long a = 0, b = 0;
            var tNone = Median(() => a = none.CallAll());
            var tSpeed = Median(() => b = speed.CallAll());
            Row(output, $"generated ({GeneratedCalls.Count} functions)", none.CodeBytes, speed.CodeBytes, tNone, tSpeed, a == b);
        }

        output.WriteLine();
        output.WriteLine("| opt_level | IR instructions | best compile time | ns per instruction | instructions per second |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        var text = GeneratedModule.Text(GeneratedCalls.Count);
        foreach (var level in new[] { OptLevel.None, OptLevel.Speed })
        {
            var context = new Context(IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default with { OptLevel = level }));
            var best = TimeSpan.MaxValue;
            int instructions = 0;
            for (int round = 0; round < 7; round++)
            {
                var functions = ClifReader.ParseFunctions(text, "bench.clif");
                instructions = functions.Sum(f => f.Layout.Insts().Count());
                var clock = Stopwatch.StartNew();
                foreach (var f in functions) context.Compile(f.Stencil);
                clock.Stop();
                if (clock.Elapsed < best) best = clock.Elapsed;
            }
            double ns = best.TotalNanoseconds / instructions;
            output.WriteLine($"| {level} | {instructions} | {best.TotalMilliseconds:F1} ms | {ns:F0} | {1e9 / ns:N0} |");
        }
    }

    private static void Row(TextWriter output, string name, int bytesNone, int bytesSpeed, TimeSpan tNone, TimeSpan tSpeed, bool same) =>
        output.WriteLine($"| {name} | {bytesNone} | {bytesSpeed} | {100.0 * (bytesSpeed - bytesNone) / bytesNone:+0.0;-0.0}% | " +
            $"{Format(tNone)} | {Format(tSpeed)} | {tNone / tSpeed:F2}x | {(same ? "yes" : "NO")} |");

    private static string Format(TimeSpan t) => t.TotalMilliseconds >= 1 ? $"{t.TotalMilliseconds:F2} ms" : $"{t.TotalMicroseconds:F1} us";

    private static TimeSpan Median(Action run)
    {
        for (int i = 0; i < 3; i++) run();
        var times = new TimeSpan[Runs];
        for (int i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times[i] = clock.Elapsed;
        }
        Array.Sort(times);
        return times[Runs / 2];
    }
}
