namespace Stencil.Cli.Tests;

[TestClass]
public sealed class MissingCacheTests
{
    [TestMethod]
    [DataRow("stats")]
    [DataRow("ls")]
    [DataRow("history")]
    [DataRow("verify")]
    [DataRow("clear")]
    public void MissingDatabaseIsAnEnvironmentFailure(string command)
    {
        using var dir = new TempDirectory();
        var db = dir.File("absent.db");
        var run = CliRun.Of("cache", command, db).Expect(CliExitCodes.EnvironmentError);
        StringAssert.Contains(run.Stderr, $"stencil: error STN4006: file not found: {db}");
        Assert.IsFalse(File.Exists(db), "an inspection must not create the cache");
    }

    [TestMethod]
    public void MissingDatabaseForShowAndTrim()
    {
        using var dir = new TempDirectory();
        var db = dir.File("absent.db");
        CliRun.Of("cache", "show", db, "ab").Expect(CliExitCodes.EnvironmentError);
        CliRun.Of("cache", "trim", db, "--max-size", "1MB").Expect(CliExitCodes.EnvironmentError);
        Assert.IsFalse(File.Exists(db));
    }

    [TestMethod]
    public void FileThatIsNotACacheIsAnEnvironmentFailure()
    {
        using var dir = new TempDirectory();
        var db = dir.Write("junk.db", "this is not a LiteDB file at all, just text");
        var run = CliRun.Of("cache", "stats", db).Expect(CliExitCodes.EnvironmentError);
        StringAssert.Contains(run.Stderr, "stencil: error STN4030");
        Assert.AreEqual("this is not a LiteDB file at all, just text", File.ReadAllText(db), "a read-only open must not touch the file");
    }
}
