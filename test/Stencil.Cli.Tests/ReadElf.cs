using System.Diagnostics;

namespace Stencil.Cli.Tests;

/// <summary>Runs binutils' <c>readelf</c>, an independent judge of the object files the CLI writes;
/// without it the test is skipped (failed under CI).</summary>
public static class ReadElf
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var info = new ProcessStartInfo(Prerequisite.RequireTool("readelf")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
