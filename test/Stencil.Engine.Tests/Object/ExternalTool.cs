using System.Diagnostics;
using Stencil.Engine.Linking;

namespace Stencil.Engine.Tests.Object;

/// <summary>Finds and runs the system tools the object tests check their output with. A missing tool makes the test
/// skipped (failed under CI), never passed.</summary>
internal static class ExternalTool
{
    public static string RequireReadelf() => Prerequisite.RequireTool("readelf");

    /// <summary>The C compiler driver the linker uses.</summary>
    public static string RequireCompiler()
    {
        if (SystemLinker.FindCompilerDriver() is { } path) return path;
        Prerequisite.Missing("a C compiler driver (`cc` or `gcc`) on PATH");
        return "";
    }

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
