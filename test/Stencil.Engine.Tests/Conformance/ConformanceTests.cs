using System.Diagnostics;
using Stencil.Engine.FileTests;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Conformance;

/// <summary>Cranelift's own run tests, read from the shared conformance folder beside the repository.</summary>
[TestClass]
public sealed class ConformanceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void CraneliftRunTestsPassNatively() => RunAndAssert(new FileTestOptions());

    /// <summary>The same files with every function compiled at <c>opt_level=speed</c>: the mid-end must keep them passing.</summary>
    [TestMethod]
    public void CraneliftRunTestsPassNativelyAtSpeed() => RunAndAssert(new FileTestOptions { ForcedOptLevel = OptLevel.Speed, Interpret = false });

    private void RunAndAssert(FileTestOptions options)
    {
        var folder = FindConformanceFolder();
        if (folder is null)
        {
            TestContext.WriteLine("conformance folder absent: skipped");
            return;
        }
        var manifest = TierManifest.TryLoad(folder);
        Assert.IsNotNull(manifest, "the conformance folder has no MANIFEST.tsv");
        var clock = Stopwatch.StartNew();
        var summary = FileTestRunner.RunPaths([folder], options);
        clock.Stop();

        var native = manifest.Summarize(summary.Files, FileTestMode.Native);
        foreach (var tier in native) TestContext.WriteLine("native " + tier);
        foreach (var tier in manifest.Summarize(summary.Files, FileTestMode.Interpret)) TestContext.WriteLine("interpret " + tier);
        foreach (var file in summary.Files.Where(f => manifest.TierOf(f.Path) != "later"))
            foreach (var d in file.Directives.Where(d => d.Outcome != DirectiveOutcome.Passed).Take(3))
                TestContext.WriteLine($"{Path.GetFileName(file.Path)}: {d}");
        var reasons = summary.Files.SelectMany(f => f.Directives)
            .Where(d => d.Outcome == DirectiveOutcome.Failed)
            .GroupBy(d => Reason(d.Message))
            .OrderByDescending(g => g.Count())
            .Take(15);
        var unsupported = summary.Files.Where(f => manifest.TierOf(f.Path) != "later").SelectMany(f => f.Directives)
            .Where(d => d.Outcome == DirectiveOutcome.Unsupported && d.Mode == FileTestMode.Native)
            .GroupBy(d => Reason(d.Message))
            .OrderByDescending(g => g.Count())
            .Take(15);
        foreach (var group in unsupported) TestContext.WriteLine($"unsupported x{group.Count()}: {group.Key} (e.g. {group.First()})");
        foreach (var group in reasons) TestContext.WriteLine($"failed x{group.Count()}: {group.Key} (e.g. {group.First()})");
        TestContext.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:F1} s");
        TestContext.WriteLine(summary.Line);

        // Files of the `later` tier may use syntax the reader does not have yet (dynamic vectors, try_call): they
        // are listed, not asserted; every scalar file must parse.
        foreach (var f in summary.Files.Where(f => f.Error is not null)) TestContext.WriteLine($"does not parse: {f.Error}");
        var unparsed = summary.Files.Where(f => f.Error is not null && manifest.TierOf(f.Path) != "later").Select(f => $"{f.Path}: {f.Error}").ToList();
        Assert.IsEmpty(unparsed, string.Join("\n", unparsed));
        var crashes = summary.Files.Where(f => f.Crash is not null).Select(f => $"{f.Path}: {f.Crash}").ToList();
        Assert.IsEmpty(crashes, string.Join("\n", crashes));
        AssertTier(native, "scalar", 98.0);
        AssertTier(native, "scalar-i128", 90.0);
        // Files that also say `test interpret` ran every directive through the interpreter too; the interpreter's
        // own conformance test (Stencil.Ir.Tests) covers every directive of these tiers.
        var interpreted = manifest.Summarize(summary.Files, FileTestMode.Interpret);
        // The mid-end must not break what the plain pipeline passes: no scalar directive may fail at speed.
        if (options.ForcedOptLevel is not null)
            foreach (var tier in native.Where(t => t.Tier is "scalar" or "scalar-i128"))
                Assert.AreEqual(0, tier.Failed, $"at opt_level={options.ForcedOptLevel}: {tier}");
        if (!options.Interpret) return;
        if (interpreted.Any(t => t.Tier == "scalar")) AssertTier(interpreted, "scalar", 98.0);
        if (interpreted.Any(t => t.Tier == "scalar-i128")) AssertTier(interpreted, "scalar-i128", 90.0);
    }

    /// <summary>A failure message without its values, so alike failures group together.</summary>
    private static string Reason(string? message)
    {
        var text = message ?? "";
        int cut = text.IndexOfAny(['`', '[']);
        return cut > 0 ? text[..cut] : text.Length > 80 ? text[..80] : text;
    }

    private static void AssertTier(IReadOnlyList<TierSummary> tiers, string name, double minimum)
    {
        var tier = tiers.SingleOrDefault(t => t.Tier == name);
        Assert.IsNotNull(tier, $"no native results for tier {name}");
        Assert.IsGreaterThanOrEqualTo(minimum, tier.PassPercent, $"{tier}");
    }

    /// <summary>From the test assembly up to the folder holding Build.sln, then ../shared/conformance/cranelift-runtests.</summary>
    /// The source file's own path is the fallback start, for builds whose output lies outside the repository.
    private static string? FindConformanceFolder([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
            for (var dir = start.Length == 0 ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Build.sln"))) continue;
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "cranelift-runtests"));
                return Directory.Exists(folder) ? folder : null;
            }
        return null;
    }
}
