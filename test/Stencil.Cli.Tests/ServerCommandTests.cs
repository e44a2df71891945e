using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Stencil.Cli.Tests;

[TestClass]
public sealed partial class ServerCommandTests
{
    [TestMethod]
    public void StartStatusStop_ARealServer_InItsOwnFolder()
    {
        using var folder = new TempDirectory("stn-cli");
        var dir = Path.Combine(folder.Path, "s");
        int? pid = null;
        try
        {
            var none = CliRun.Of("server", "status", "--dir", dir);
            Assert.AreEqual(0, none.ExitCode, none.Stderr);
            StringAssert.Contains(none.Stdout, "no compiler server running");

            var start = CliRun.Of("server", "start", "--dir", dir, "--idle-timeout", "60");
            Assert.AreEqual(0, start.ExitCode, start.Stderr);
            pid = int.Parse(Pid().Match(start.Stdout).Groups[1].Value);
            Assert.AreNotEqual(Environment.ProcessId, pid, "the server must be its own process");

            var again = CliRun.Of("server", "start", "--dir", dir);
            StringAssert.Contains(again.Stdout, $"pid {pid}", "a second start must find the running server");

            var status = CliRun.Of("server", "status", "--dir", dir);
            StringAssert.Contains(status.Stdout, $"pid {pid}: version ");
            StringAssert.Contains(status.Stdout, "(this compiler)");
            StringAssert.Contains(status.Stdout, "0 builds served");
            StringAssert.Contains(status.Stdout, "idle timeout 60 s");

            var stop = CliRun.Of("server", "stop", "--dir", dir);
            StringAssert.Contains(stop.Stdout, $"stopped pid {pid}");
            using var process = TryGetProcess(pid.Value);
            Assert.IsTrue(process is null || process.WaitForExit(20_000), "the server did not exit after stop");
            pid = null;
            StringAssert.Contains(CliRun.Of("server", "status", "--dir", dir).Stdout, "no compiler server running");
        }
        finally
        {
            // Never leave a server behind, whatever failed above.
            if (pid is { } left) using (var process = TryGetProcess(left)) process?.Kill();
        }
    }

    private static Process? TryGetProcess(int pid)
    {
        try { return Process.GetProcessById(pid); }
        catch (ArgumentException) { return null; }
    }

    [GeneratedRegex(@"pid (\d+)")]
    private static partial Regex Pid();
}
