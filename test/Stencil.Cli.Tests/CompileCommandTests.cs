using System.Text.RegularExpressions;

namespace Stencil.Cli.Tests;

[TestClass]
public sealed class CompileCommandTests
{
    [TestMethod]
    public void WritesAnElfObjectNextToTheFirstSource()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("kernels.clif", ClifSamples.Valid);

        var run = CliRun.Of("compile", source).Expect(CliExitCodes.Success);

        StringAssert.Contains(run.Stdout, "Stencil: kernels: 2 functions, 0 cached, 2 compiled, 0 deduplicated in ");
        var obj = dir.File("kernels.o");
        Assert.IsTrue(File.Exists(obj));
        var (exit, header) = ReadElf.Run("-h", obj);
        Assert.AreEqual(0, exit, header);
        StringAssert.Contains(header, "ELF64");
        StringAssert.Contains(header, "REL (Relocatable file)");
        StringAssert.Contains(header, "X86-64");
        var (_, symbols) = ReadElf.Run("-s", obj);
        StringAssert.Contains(symbols, "max2");
        StringAssert.Contains(symbols, "sum_max");
    }

    [TestMethod]
    public void OutputOptionChoosesTheObjectPath()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("a.clif", ClifSamples.Valid);
        var obj = dir.File(Path.Combine("out", "lib.o"));

        CliRun.Of("compile", source, "-o", obj).Expect(CliExitCodes.Success);

        Assert.IsTrue(File.Exists(obj));
        Assert.IsFalse(File.Exists(dir.File("a.o")));
    }

    [TestMethod]
    public void SecondBuildWithTheCacheReusesEveryFunctionAndWritesTheSameBytes()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);
        var cache = dir.File("cache.db");
        var first = dir.File("first.o");
        var second = dir.File("second.o");

        CliRun.Of("compile", source, "-o", first, "--cache", cache).Expect(CliExitCodes.Success);
        var run = CliRun.Of("compile", source, "-o", second, "--cache", cache, "--verify-cache").Expect(CliExitCodes.Success);

        StringAssert.Contains(run.Stdout, "2 functions, 2 cached, 0 compiled");
        CollectionAssert.AreEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [TestMethod]
    public void MalformedSourceReportsAParseDiagnosticWithItsPosition()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("broken.clif", ClifSamples.Malformed);

        var run = CliRun.Of("compile", source).Expect(CliExitCodes.InputError);

        StringAssert.Matches(run.Stderr, new Regex(@"broken\.clif\(3,\d+\): error STN1\d{3}: "));
        Assert.IsFalse(File.Exists(dir.File("broken.o")));
        Assert.AreEqual("", run.Stdout);
    }

    [TestMethod]
    public void InvalidFunctionReportsAVerifierDiagnostic()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("bad.clif", ClifSamples.IllTyped);

        var run = CliRun.Of("compile", source).Expect(CliExitCodes.InputError);

        StringAssert.Matches(run.Stderr, new Regex(@"bad\.clif\(\d+,\d+\): error STN2\d{3}: "));
    }

    [TestMethod]
    public void MissingSourceIsNamed()
    {
        using var dir = new TempDirectory();
        var present = dir.Write("present.clif", ClifSamples.Valid);
        var missing = dir.File("missing.clif");

        var run = CliRun.Of("compile", present, missing).Expect(CliExitCodes.InputError);

        StringAssert.Contains(run.Stderr, $"stencil: error STN4006: file not found: {missing}");
    }

    [TestMethod]
    public void UnknownTargetIsAUsageError()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);

        var run = CliRun.Of("compile", source, "--target", "not a triple").Expect(CliExitCodes.UsageError);

        StringAssert.Contains(run.Stderr, "error STN4003");
    }

    [TestMethod]
    public void UnknownSettingIsAUsageError()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);

        var run = CliRun.Of("compile", source, "--set", "no_such_flag=1").Expect(CliExitCodes.UsageError);

        StringAssert.Contains(run.Stderr, "error STN4004");
    }
}
