namespace Stencil.Cli.Tests;

/// <summary>
/// <c>stencil cache remote</c> without a server: the failures must be diagnostics with the right exit code and no
/// password. (Answers from a live server are covered by Stencil.Integration.Tests, which runs redis-server.)
/// </summary>
[TestClass]
public sealed class CacheRemoteCommandTests
{
    [TestMethod]
    [DataRow("ping")]
    [DataRow("stats")]
    public void UnreachableServerIsAnEnvironmentErrorWithoutThePassword(string command)
    {
        var run = CliRun.Of("cache", "remote", command, $"redis://:sekrit-pw@127.0.0.1:{LoopbackPort.Unused()}?connectTimeout=300").Expect(CliExitCodes.EnvironmentError);
        StringAssert.Contains(run.Stderr, "STN4040");
        StringAssert.Contains(run.Stderr, "redis://127.0.0.1:");
        Assert.IsFalse(run.Stderr.Contains("sekrit-pw", StringComparison.Ordinal), run.Stderr);
        Assert.IsFalse(run.Stdout.Contains("sekrit-pw", StringComparison.Ordinal), run.Stdout);
    }

    [TestMethod]
    public void InvalidAddressIsAUsageError()
    {
        var run = CliRun.Of("cache", "remote", "ping", "ftp://somewhere").Expect(CliExitCodes.UsageError);
        StringAssert.Contains(run.Stderr, "STN4010");
    }
}
