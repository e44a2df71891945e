using System.Diagnostics;
using Stencil.Engine.FileTests;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Conformance;

/// <summary>
/// Cranelift's own run tests, read from <c>../shared/conformance/cranelift-runtests</c>: every directive that does not
/// pass, every file that does not parse, is listed in <c>test/expectations/cranelift-runtests/&lt;mode&gt;.tsv</c>,
/// and any difference (a new failure, or a listed entry that now passes) fails the test.
/// </summary>
[TestClass]
public sealed class ConformanceTests
{
    private const string Corpus = "cranelift-runtests";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Natively, at the <c>opt_level</c> each file sets.</summary>
    [TestMethod]
    public void CraneliftRunTestsNatively() =>
        RunAndCheck("native.tsv", FileTestMode.Native, new FileTestOptions { Interpret = false, Bless = false },
            "every `test run` directive compiled for the host at the opt_level its file sets");

    /// <summary>Every function compiled at <c>opt_level=speed</c>: the mid-end must keep the files passing.</summary>
    [TestMethod]
    public void CraneliftRunTestsNativelyAtSpeed()
    {
        var (summary, folder) = RunAndCheck("native-speed.tsv", FileTestMode.Native,
            new FileTestOptions { Interpret = false, ForcedOptLevel = OptLevel.Speed, Bless = false },
            "every `test run` directive compiled for the host at opt_level=speed");
        // What the plain pipeline passes the mid-end must not break: no scalar directive may fail at speed.
        var manifest = TierManifest.TryLoad(folder)!;
        var broken = summary.Files.Where(f => manifest.TierOf(f.Path) is "scalar" or "scalar-i128")
            .SelectMany(f => f.Directives).Where(d => d.Outcome == DirectiveOutcome.Failed).Select(d => RunExpectations.Stable(folder, d.ToString())).ToList();
        Assert.IsEmpty(broken, "scalar directives failing at opt_level=speed:\n" + string.Join("\n", broken));
    }

    /// <summary>Every run directive of every file and tier (<c>later</c> too) through the interpreter, whether or not the
    /// file says <c>test interpret</c>; this covers the <c>test interpret</c> files, which run the same way.</summary>
    [TestMethod]
    public void CraneliftRunTestsInterpreted() =>
        RunAndCheck("interpreted.tsv", FileTestMode.Interpret, new FileTestOptions { Native = false, InterpretEveryFile = true, Bless = false },
            "every run directive of every file through the interpreter (test interpret or not)");

    /// <summary>The same directives as <see cref="CraneliftRunTestsNatively"/>, through linked objects run by the fixed C
    /// runner: they must end exactly as in the JIT, so this checks against the same expectations file.</summary>
    [TestMethod]
    public void CraneliftRunTestsThroughHostObjects()
    {
        Prerequisite.RequireAnyTool("cc", "gcc");
        RunAndCheck("native.tsv", FileTestMode.Native, new FileTestOptions { Interpret = false, Bless = false, Target = TargetTriple.X86_64Linux },
            "every `test run` directive compiled for the host at the opt_level its file sets");
    }

    /// <summary>The scalar and scalar-i128 files that name <c>target s390x</c>, compiled for s390x into objects, linked
    /// with the cross gcc and run under qemu-user.</summary>
    [TestMethod]
    public void CraneliftS390xRunTestsUnderQemu()
    {
        Prerequisite.RequireTool("qemu-s390x");
        Prerequisite.RequireTool("s390x-linux-gnu-gcc");
        var triple = TargetTriple.Parse("s390x-unknown-linux-gnu");
        var folder = SharedCorpus.Require(Corpus);
        var manifest = TierManifest.TryLoad(folder)!;
        var files = FileTestRunner.ExpandPaths([folder])
            .Where(f => manifest.TierOf(f) is "scalar" or "scalar-i128" && File.ReadLines(f).Any(l => l.StartsWith("target s390x", StringComparison.Ordinal)))
            .ToList();
        var (summary, _) = RunAndCheck("s390x.tsv", FileTestMode.Native, new FileTestOptions { Interpret = false, Bless = false, Target = triple },
            "every `test run` directive of the scalar and scalar-i128 files naming s390x, compiled for s390x and run under qemu-s390x", files);
        Assert.IsNotEmpty(summary.Files);
    }

    private (FileTestSummary Summary, string Folder) RunAndCheck(string expectations, FileTestMode mode, FileTestOptions options, string description,
        IReadOnlyList<string>? files = null)
    {
        var folder = SharedCorpus.Require(Corpus);
        var manifest = TierManifest.TryLoad(folder);
        Assert.IsNotNull(manifest, $"the corpus has no {TierManifest.FileName}");
        var clock = Stopwatch.StartNew();
        var summary = FileTestRunner.RunPaths(files ?? [folder], options);
        TestContext.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:F1} s; {summary.Line}");
        foreach (var tier in manifest.Summarize(summary.Files, mode)) TestContext.WriteLine(tier.ToString());
        if (options.Target?.Architecture != Architecture.S390x || IsaRegistry.Supported.Contains(Architecture.S390x))
            Assert.IsGreaterThan(0, summary.Passed, "the corpus ran no directive");

        var crashes = RunExpectations.Crashes(summary, folder);
        Assert.IsEmpty(crashes, "the runner crashed:\n" + string.Join("\n", crashes));
        var accepted = ExpectationsFile.Check($"{Corpus}/{expectations}", RunExpectations.Of(summary, folder, mode),
            $"{Corpus}: what does not pass, {description}.");
        foreach (var line in accepted) TestContext.WriteLine("blessed: " + line);
        return (summary, folder);
    }
}
