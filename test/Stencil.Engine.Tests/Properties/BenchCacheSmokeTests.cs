using System.Text.Json;
using Stencil.Cli;

namespace Stencil.Engine.Tests.Properties;

/// <summary>Runs <c>stencil bench cache</c> end to end on a small module: real files, a real cache database,
/// every scenario's hit/miss expectations checked by the runner. Checks the JSON shape, not the timings.</summary>
[TestClass]
public sealed class BenchCacheSmokeTests
{
    private static readonly string[] Keys =
        ["functions", "instructions", "cold_ms", "nochange_ms", "oneedit_ms", "dup_cold_ms", "unique_cold_ms", "floor_ms",
         "oneedit_ratio", "nochange_ratio", "dup_ratio"];

    [TestMethod]
    public void SmallRun_WritesOneJsonObjectWithTheDocumentedKeys()
    {
        var (exit, stdout, stderr) = Run("bench", "cache", "--functions", "50", "--json");
        Assert.AreEqual(0, exit, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.AreEqual(JsonValueKind.Object, root.ValueKind);
        CollectionAssert.AreEquivalent(Keys.Append("opt_level").ToArray(), root.EnumerateObject().Select(p => p.Name).ToArray());
        foreach (var k in Keys) Assert.AreEqual(JsonValueKind.Number, root.GetProperty(k).ValueKind, k);
        Assert.AreEqual("speed", root.GetProperty("opt_level").GetString());
        Assert.AreEqual(50, root.GetProperty("functions").GetInt32());
        Assert.IsGreaterThan(50 * 50, root.GetProperty("instructions").GetInt64());
        foreach (var k in Keys.Where(k => k.EndsWith("_ms", StringComparison.Ordinal)))
            Assert.IsGreaterThan(0.0, root.GetProperty(k).GetDouble(), k);
        double Ratio(string a, string b) => Math.Round(root.GetProperty(a).GetDouble() / root.GetProperty(b).GetDouble(), 4);
        Assert.AreEqual(Ratio("oneedit_ms", "cold_ms"), root.GetProperty("oneedit_ratio").GetDouble(), 1e-9);
        Assert.AreEqual(Ratio("nochange_ms", "cold_ms"), root.GetProperty("nochange_ratio").GetDouble(), 1e-9);
        Assert.AreEqual(Ratio("dup_cold_ms", "unique_cold_ms"), root.GetProperty("dup_ratio").GetDouble(), 1e-9);
    }

    [TestMethod]
    public void OptLevelNone_RunsEveryScenarioAtThatLevel()
    {
        var (exit, stdout, stderr) = Run("bench", "cache", "--functions", "20", "--repeats", "1", "--opt-level", "none", "--json");
        Assert.AreEqual(0, exit, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.AreEqual("none", doc.RootElement.GetProperty("opt_level").GetString());
    }

    [TestMethod]
    public void UnknownOptLevel_IsAUsageError()
    {
        var (exit, _, stderr) = Run("bench", "cache", "--opt-level", "fastest");
        Assert.AreEqual(CliExitCodes.UsageError, exit);
        StringAssert.Contains(stderr, "fastest");
    }

    [TestMethod]
    public void TooFewFunctions_IsAUsageError()
    {
        var (exit, _, stderr) = Run("bench", "cache", "--functions", "1");
        Assert.AreEqual(CliExitCodes.UsageError, exit);
        StringAssert.Contains(stderr, "--functions");
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = StencilCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
