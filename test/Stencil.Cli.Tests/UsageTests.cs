namespace Stencil.Cli.Tests;

[TestClass]
public sealed class UsageTests
{
    [TestMethod]
    public void NoCommandIsAUsageError()
    {
        var run = CliRun.Of().Expect(CliExitCodes.UsageError);
        StringAssert.Contains(run.Stderr, "error STN4010");
    }

    [TestMethod]
    public void UnknownOptionIsAUsageError()
    {
        var run = CliRun.Of("cache", "stats", "x.db", "--frobnicate").Expect(CliExitCodes.UsageError);
        StringAssert.Contains(run.Stderr, "--frobnicate");
    }

    [TestMethod]
    public void UnparsableSizeIsAUsageError()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("cache", "trim", dir.File("c.db"), "--max-size", "lots").Expect(CliExitCodes.UsageError);
        StringAssert.Contains(run.Stderr, "'lots' is not a size");
    }

    [TestMethod]
    public void BadKeyPrefixIsAUsageError()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("cache", "show", dir.File("c.db"), "xyz").Expect(CliExitCodes.UsageError);
        StringAssert.Contains(run.Stderr, "hexadecimal");
    }

    [TestMethod]
    public void HelpSucceedsAndListsCommands()
    {
        var run = CliRun.Of("--help").Expect(CliExitCodes.Success);
        StringAssert.Contains(run.Stdout, "compile");
        StringAssert.Contains(run.Stdout, "cache");
    }
}
