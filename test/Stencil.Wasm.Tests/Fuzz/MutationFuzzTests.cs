using System.Diagnostics;
using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Tests.Spec;

namespace Stencil.Wasm.Tests.Fuzz;

/// <summary>
/// Mutated real modules (the spec corpus' valid ones) must end in a diagnostic (STN5xxx) or a valid module: never
/// another exception, never a hang. Seeded: <c>STENCIL_WASM_FUZZ_SEED</c> picks another seed and
/// <c>STENCIL_WASM_FUZZ_INPUTS</c> another count; a failure names the seed and the input number to replay it.
/// </summary>
[TestClass]
public sealed class MutationFuzzTests
{
    private const int DefaultSeed = 20261207;
    private const int DefaultInputs = 20_000;
    private static readonly TimeSpan PerInputBudget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TotalBudget = TimeSpan.FromSeconds(120);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void MutatedModulesGiveDiagnosticsOrValidModules()
    {
        var seeds = SpecScripts.Require().Where(c => c.Type == "module").Select(c => File.ReadAllBytes(c.WasmPath)).ToList();
        Assert.IsGreaterThan(100, seeds.Count, "too few seed modules");
        int seed = int.TryParse(Environment.GetEnvironmentVariable("STENCIL_WASM_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        int inputs = int.TryParse(Environment.GetEnvironmentVariable("STENCIL_WASM_FUZZ_INPUTS"), out var n) ? n : DefaultInputs;

        int valid = 0, rejected = 0;
        var codes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        TimeSpan slowest = TimeSpan.Zero;
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        // On its own thread, so a decoder that never returns fails the test instead of stalling the run.
        var run = Task.Factory.StartNew(() =>
        {
            var random = new Random(seed);
            for (int i = 0; i < inputs && failures.Count < 10; i++)
            {
                var input = Mutator.Mutate(seeds[random.Next(seeds.Count)], random);
                var one = Stopwatch.StartNew();
                try
                {
                    WasmLoader.Load(input, "fuzz.wasm");
                    valid++;
                }
                catch (DiagnosticException e) when (e.Diagnostic.Code.StartsWith("STN5", StringComparison.Ordinal))
                {
                    rejected++;
                    codes[e.Diagnostic.Code] = codes.GetValueOrDefault(e.Diagnostic.Code) + 1;
                }
                catch (Exception e)
                {
                    failures.Add($"seed {seed} input {i}: {e.GetType().Name}: {e.Message}\n  bytes: {Convert.ToHexString(input)}");
                }
                if (one.Elapsed > slowest) slowest = one.Elapsed;
                if (one.Elapsed > PerInputBudget) failures.Add($"seed {seed} input {i}: took {one.Elapsed.TotalSeconds:F1} s");
            }
        }, TaskCreationOptions.LongRunning);
        if (!run.Wait(TotalBudget)) Assert.Fail($"seed {seed}: the fuzz run did not finish in {TotalBudget.TotalSeconds} s (a hang?)");

        TestContext.WriteLine($"seed {seed}: {inputs} inputs in {clock.Elapsed.TotalSeconds:F2} s (slowest {slowest.TotalMilliseconds:F1} ms): " +
            $"{valid} valid, {rejected} rejected ({string.Join(", ", codes.Select(c => $"{c.Key} {c.Value}"))})");
        Assert.IsEmpty(failures, string.Join("\n", failures));
        Assert.IsGreaterThan(inputs / 2, rejected, "the mutations hardly ever broke a module: the mutator is not doing its job");
    }
}
