using System.Diagnostics;
using Stencil.Engine.Linking;

namespace Stencil.Engine.Tests.Object;

/// <summary>Finds and runs the system tools the object tests check their output with. A test whose tool
/// is truly absent says so in its output and returns early; on this project's machines they are present.</summary>
internal static class ExternalTool
{
    public static bool TryFindReadelf(TestContext context, out string path) => TryFind("readelf", context, out path);

    public static bool TryFindCompiler(TestContext context, out string path)
    {
        path = SystemLinker.FindCompilerDriver()!;
        if (path is not null) return true;
        context.WriteLine("skipped: no gcc (neither cc nor gcc is on PATH)");
        return false;
    }

    private static bool TryFind(string name, TestContext context, out string path)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            path = Path.Combine(dir, name);
            if (File.Exists(path)) return true;
        }
        path = "";
        context.WriteLine($"skipped: no {name} on PATH");
        return false;
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
