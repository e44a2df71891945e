using Stencil.Ir.Diagnostics;
using Stencil.Ir.Interpretation;
using Stencil.Ir.Tests.Text;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Interpreter;

[TestClass]
public sealed class InterpreterConformanceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void ScalarTiersRunUnderTheInterpreter()
    {
        var counts = RunTiers(["scalar", "scalar-i128"], out _);
        if (counts is null) return;
        var scalar = counts["scalar"];
        int total = scalar.Sum();
        TestContext.WriteLine($"scalar tier pass rate: {(double)scalar[0] / Math.Max(1, total):P2}");
        Assert.IsGreaterThan(0, total);
        Assert.IsGreaterThanOrEqualTo(0.9, (double)scalar[0] / total, $"scalar tier pass rate {scalar[0]}/{total}");
    }

    /// <summary>The later tier needs vectors and other things outside the interpreter's scope; those must
    /// come back as Unsupported results, never as internal errors.</summary>
    [TestMethod]
    public void LaterTierNeverFailsInternally()
    {
        var counts = RunTiers(["later"], out var internalErrors);
        if (counts is null) return;
        Assert.IsGreaterThan(0, counts["later"].Sum());
        Assert.IsEmpty(internalErrors, string.Join("\n", internalErrors));
    }

    private Dictionary<string, int[]>? RunTiers(string[] wanted, out List<string> internalErrors)
    {
        internalErrors = [];
        var folder = ConformanceFolder.Find();
        if (folder is null) { TestContext.WriteLine("conformance folder absent: skipped"); return null; }
        var counts = wanted.ToDictionary(t => t, _ => new int[3], StringComparer.Ordinal);
        foreach (var (file, tier) in ConformanceFolder.Tiers(folder).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!counts.TryGetValue(tier, out var tally)) continue;
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) continue;
            ClifFile clif;
            try { clif = ClifReader.ParseFile(File.ReadAllText(path), file); }
            catch (DiagnosticException e)
            {
                TestContext.WriteLine($"[{tier}] {file}: does not parse: {e.Diagnostic}");
                continue;
            }
            var module = new InterpreterModule();
            foreach (var f in clif.Functions) module.Add(f.Function);
            foreach (var f in clif.Functions)
                foreach (var d in f.Directives.Where(d => d.Kind == "run"))
                {
                    var (outcome, detail) = RunDirectiveEvaluator.Evaluate(module, f.Function, d.Text);
                    tally[(int)outcome]++;
                    if (outcome == RunOutcome.Pass) continue;
                    var line = $"[{tier}] {file}:{d.Location.Line} {outcome}: {d.Text} -- {detail}";
                    if (detail.StartsWith("internal error", StringComparison.Ordinal)) internalErrors.Add(line);
                    TestContext.WriteLine(line);
                }
        }
        foreach (var (tier, t) in counts)
            TestContext.WriteLine($"tier {tier}: {t[0]} passed, {t[1]} failed, {t[2]} unsupported");
        return counts;
    }
}
