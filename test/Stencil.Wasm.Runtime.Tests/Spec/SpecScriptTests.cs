using System.Diagnostics;
using Stencil.Cli.Wast;
using Stencil.Engine.Wasm;
using Stencil.Isa;

namespace Stencil.Wasm.Runtime.Tests.Spec;

/// <summary>
/// Every script of the wasm-spec corpus through the runner of <c>stencil wast</c> (translator, compiler at
/// <c>speed</c>, runtime, <c>spectest</c>): each command that does not pass is listed in
/// <c>test/expectations/wasm-spec/wast.tsv</c> with what differed; any other difference fails.
/// </summary>
[TestClass]
public sealed class SpecScriptTests
{
    /// <summary>The acceptance bar of issue 9.</summary>
    private const double RequiredPassRate = 0.98;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void SpecScriptsRunAsExpected()
    {
        var corpus = SharedCorpus.Require("wasm-spec");
        Prerequisite.RequireTool("wast2json");
        var files = Directory.GetFiles(corpus, "*.wast").Order(StringComparer.Ordinal).ToList();
        Assert.IsGreaterThan(60, files.Count, "the corpus has too few scripts");

        var clock = Stopwatch.StartNew();
        var results = WastSuite.Run(files, new WasmCompileOptions { OptLevel = OptLevel.Speed, MaxDegreeOfParallelism = 1 });
        clock.Stop();

        var entries = new List<Expectation>();
        foreach (var result in results)
        {
            if (result.Error is not null) entries.Add(Expectation.Of(result.Script, "unreadable", result.Error));
            foreach (var outcome in result.Outcomes.Where(o => o.Verdict != WastVerdict.Passed))
                entries.Add(Expectation.Of(outcome.Key, outcome.Verdict.ToString().ToLowerInvariant(), $"{outcome.Command}: {outcome.Reason}"));
        }
        var total = WastFileResult.Total(results);
        int passed = results.Sum(r => r.Passed), counted = results.Sum(r => r.Passed + r.Failed + r.Unsupported);
        TestContext.WriteLine($"{files.Count} scripts in {clock.Elapsed.TotalSeconds:F1} s; {total}");
        Assert.IsGreaterThan(20_000, counted, "the runner counted too few commands");
        ExpectationsFile.Check("wasm-spec/wast.tsv", entries,
            "wasm-spec: spec script commands (stencil wast) that do not pass: failed, unsupported, or a script that did not convert.");
        Assert.IsGreaterThanOrEqualTo(RequiredPassRate, (double)passed / counted, total);
    }
}
