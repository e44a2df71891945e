using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Stencil.Engine.Linking;

/// <summary>
/// Links objects with the system C compiler driver (<c>cc</c>, else <c>gcc</c>), which knows where the
/// C runtime and the linker live. Libcalls such as <c>memcmp</c> and <c>ceil</c> come from libc and
/// libm, so both are linked. Failing to find or run the driver is reported, never thrown.
/// </summary>
public static class SystemLinker
{
    private static readonly string[] DriverNames = ["cc", "gcc"];
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The full path of the first C compiler driver on PATH, or null when there is none.</summary>
    public static string? FindCompilerDriver()
    {
        foreach (var name in DriverNames)
            if (FindOnPath(name) is { } path) return path;
        return null;
    }

    /// <summary>Runs <c>cc -shared -o <paramref name="outputPath"/> <paramref name="objectPath"/> -lm</c>.</summary>
    /// <param name="diagnostics">What the driver printed, or why it could not run.</param>
    /// <param name="linkerPath">A driver to use instead of the one found on PATH (a path, or a name looked up on PATH).</param>
    public static bool TryLinkSharedLibrary(string objectPath, string outputPath, out string diagnostics, string? linkerPath = null) =>
        TryRun(linkerPath, ["-shared", "-o", outputPath, objectPath, "-lm"], out diagnostics);

    /// <summary>Links an executable from objects, archives or C sources (the driver compiles those first).</summary>
    public static bool TryLinkExecutable(IReadOnlyList<string> inputs, string outputPath, out string diagnostics, string? linkerPath = null) =>
        TryRun(linkerPath, ["-o", outputPath, .. inputs, "-lm"], out diagnostics);

    private static bool TryRun(string? linkerPath, IReadOnlyList<string> arguments, out string diagnostics)
    {
        var driver = linkerPath is null ? FindCompilerDriver() : ResolveExplicit(linkerPath);
        if (driver is null)
        {
            diagnostics = linkerPath is null
                ? "no C compiler driver found: neither `cc` nor `gcc` is on PATH; install a C toolchain or pass a linker path"
                : $"the linker `{linkerPath}` was not found";
            return false;
        }

        var start = new ProcessStartInfo(driver)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // Plain C-locale messages: the same failure reads the same on every machine.
        start.Environment["LC_ALL"] = "C";

        var output = new StringBuilder();
        try
        {
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                diagnostics = $"`{driver}` did not finish within {Timeout.TotalMinutes} minutes and was stopped.{Tail(output)}";
                return false;
            }
            process.WaitForExit(); // drains the asynchronous readers
            var text = Snapshot(output);
            diagnostics = process.ExitCode == 0 ? text : $"`{driver}` exited with code {process.ExitCode}.{Tail(output)}";
            return process.ExitCode == 0;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            diagnostics = $"could not run `{driver}`: {e.Message}";
            return false;
        }
    }

    private static string? ResolveExplicit(string linkerPath)
    {
        if (linkerPath.Length == 0) return null;
        if (linkerPath.Contains(Path.DirectorySeparatorChar) || linkerPath.Contains(Path.AltDirectorySeparatorChar))
            return File.Exists(linkerPath) ? Path.GetFullPath(linkerPath) : null;
        return FindOnPath(linkerPath);
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path)) return null;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", "" } : [""];
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        foreach (var ext in extensions)
        {
            var candidate = Path.Combine(dir, name + ext);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static string Tail(StringBuilder output)
    {
        var text = Snapshot(output).TrimEnd();
        return text.Length == 0 ? "" : Environment.NewLine + text;
    }
}
