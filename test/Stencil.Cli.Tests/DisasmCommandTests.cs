using System.Text.RegularExpressions;

namespace Stencil.Cli.Tests;

[TestClass]
public sealed class DisasmCommandTests
{
    [TestMethod]
    public void PrintsEachFunctionWithInstructionsRelocationsAndSize()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);

        var run = CliRun.Of("disasm", source).Expect(CliExitCodes.Success);

        var max2 = run.Stdout.IndexOf("function %max2\n", StringComparison.Ordinal);
        var sumMax = run.Stdout.IndexOf("function %sum_max\n", StringComparison.Ordinal);
        Assert.IsTrue(max2 >= 0 && sumMax > max2, run.Stdout);
        var first = run.Stdout[max2..sumMax];
        var second = run.Stdout[sumMax..];
        StringAssert.Matches(first, new Regex(@"(?m)^0000: [0-9a-f]+\s+\S"));
        StringAssert.Contains(first, "ret");
        StringAssert.Contains(first, "cmp");
        StringAssert.Contains(second, "call");
        StringAssert.Matches(second, new Regex(@"(?m)^relocations:\n  [0-9a-f]{4} X86\w+ max2[+-]\d+$"));
        StringAssert.Matches(first, new Regex(@"(?m)^code size: [1-9]\d* bytes"));
        StringAssert.Matches(second, new Regex(@"(?m)^code size: [1-9]\d* bytes"));
    }

    [TestMethod]
    public void S390xTargetPrintsOurOwnS390xListing()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);

        var run = CliRun.Of("disasm", "--target", "s390x-unknown-linux-gnu", source).Expect(CliExitCodes.Success);

        var sumMax = run.Stdout.IndexOf("function %sum_max\n", StringComparison.Ordinal);
        Assert.IsTrue(sumMax > 0, run.Stdout);
        StringAssert.Contains(run.Stdout, "br %r14");
        StringAssert.Contains(run.Stdout, "cgr %r2, %r3");
        StringAssert.Contains(run.Stdout[sumMax..], "brasl %r14, .+0");
        StringAssert.Matches(run.Stdout[sumMax..], new Regex(@"(?m)^relocations:\n  [0-9a-f]{4} S390xPltRel32Dbl max2\+2$"));
    }

    [TestMethod]
    public void SameInputGivesTheSameListing()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);

        var a = CliRun.Of("disasm", source).Expect(CliExitCodes.Success);
        var b = CliRun.Of("disasm", source).Expect(CliExitCodes.Success);

        Assert.AreEqual(a.Stdout, b.Stdout);
    }

    [TestMethod]
    public void MalformedSourceIsAnInputError()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("broken.clif", ClifSamples.Malformed);

        var run = CliRun.Of("disasm", source).Expect(CliExitCodes.InputError);

        StringAssert.Matches(run.Stderr, new Regex(@"broken\.clif\(3,\d+\): error STN1\d{3}: "));
    }

    [TestMethod]
    public void InvalidFunctionIsAnInputError()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("bad.clif", ClifSamples.IllTyped);

        var run = CliRun.Of("disasm", source).Expect(CliExitCodes.InputError);

        StringAssert.Matches(run.Stderr, new Regex(@"bad\.clif\(\d+,\d+\): error STN2\d{3}: "));
        Assert.AreEqual("", run.Stdout);
    }

    [TestMethod]
    public void MissingFileIsAnInputError()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("nope.clif");

        var run = CliRun.Of("disasm", missing).Expect(CliExitCodes.InputError);

        StringAssert.Contains(run.Stderr, $"error STN4006: file not found: {missing}");
    }
}
