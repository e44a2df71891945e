using System.Diagnostics;

namespace Stencil.Testing;

/// <summary>Runs a system tool a test checks its output with, in the C locale, and returns its exit code and output.</summary>
public static class ExternalProcess
{
    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["LC_ALL"] = "C";
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.IsTrue(p.WaitForExit(TimeSpan.FromMinutes(2)), $"{file} did not finish");
        return (p.ExitCode, stdout + stderr.Result);
    }
}
