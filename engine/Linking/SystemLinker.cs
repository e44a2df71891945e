using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Stencil.Isa;

namespace Stencil.Engine.Linking;

/// <summary>
/// Links objects with the system C compiler driver (<c>cc</c>, else <c>gcc</c>), which knows where the
/// C runtime and the linker live. Libcalls such as <c>memcmp</c> and <c>ceil</c> come from libc and
/// libm, so both are linked. For a target other than the host's, the driver is the Debian-style cross compiler
/// named after the triple (<c>s390x-linux-gnu-gcc</c>). Failing to find or run the driver is reported, never thrown.
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

    /// <summary>Whether code for <paramref name="triple"/> is linked (and run) by the host's own toolchain.</summary>
    public static bool IsHost(TargetTriple triple) =>
        triple.Architecture == Stencil.Isa.Architecture.X86_64 &&
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64 &&
        triple.OperatingSystem == "linux" && OperatingSystem.IsLinux();

    /// <summary>The name of the cross compiler driver for <paramref name="triple"/> (<c>s390x-linux-gnu-gcc</c>).</summary>
    public static string CrossDriverName(TargetTriple triple) =>
        $"{triple.ArchitectureName}-{triple.OperatingSystem}-{triple.Environment ?? "gnu"}-gcc";

    /// <summary>The driver that links for <paramref name="triple"/>: the host's for the host, else the cross
    /// compiler on PATH; null when there is none.</summary>
    public static string? FindCompilerDriver(TargetTriple triple) =>
        IsHost(triple) ? FindCompilerDriver() : FindOnPath(CrossDriverName(triple));

    /// <summary>Runs <c>cc -shared -o <paramref name="outputPath"/> <paramref name="objectPath"/> -lm</c>.</summary>
    /// <param name="diagnostics">What the driver printed, or why it could not run.</param>
    /// <param name="linkerPath">A driver to use instead of the one found on PATH (a path, or a name looked up on PATH).</param>
    public static bool TryLinkSharedLibrary(string objectPath, string outputPath, out string diagnostics, string? linkerPath = null) =>
        TryRun(null, linkerPath, ["-shared", "-o", outputPath, objectPath, "-lm"], out diagnostics);

    /// <summary>Links a shared library for <paramref name="triple"/>, with the cross driver when it is not the host.</summary>
    public static bool TryLinkSharedLibrary(string objectPath, string outputPath, TargetTriple triple, out string diagnostics, string? linkerPath = null) =>
        TryRun(triple, linkerPath, ["-shared", "-o", outputPath, objectPath, "-lm"], out diagnostics);

    /// <summary>Links an executable from objects, archives or C sources (the driver compiles those first).</summary>
    public static bool TryLinkExecutable(IReadOnlyList<string> inputs, string outputPath, out string diagnostics, string? linkerPath = null) =>
        TryRun(null, linkerPath, ["-o", outputPath, .. inputs, "-lm"], out diagnostics);

    /// <summary>Links an executable for <paramref name="triple"/> from objects, archives or C sources, with
    /// <paramref name="extraArguments"/> (such as <c>-O1</c>) before the inputs.</summary>
    public static bool TryLinkExecutable(IReadOnlyList<string> inputs, string outputPath, TargetTriple triple, out string diagnostics,
        IReadOnlyList<string>? extraArguments = null, string? linkerPath = null) =>
        TryRun(triple, linkerPath, [.. extraArguments ?? [], "-o", outputPath, .. inputs, "-lm"], out diagnostics);

    /// <summary>Compiles one C source to an object for <paramref name="triple"/> (<c>-O1 -c</c>).</summary>
    public static bool TryCompileC(string sourcePath, string objectPath, TargetTriple triple, out string diagnostics) =>
        TryRun(triple, null, ["-O1", "-c", "-o", objectPath, sourcePath], out diagnostics);

    private static bool TryRun(TargetTriple? triple, string? linkerPath, IReadOnlyList<string> arguments, out string diagnostics)
    {
        var driver = linkerPath is not null ? ResolveExplicit(linkerPath) : triple is null ? FindCompilerDriver() : FindCompilerDriver(triple);
        if (driver is null)
        {
            diagnostics = linkerPath is not null ? $"the linker `{linkerPath}` was not found"
                : triple is null || IsHost(triple) ? "no C compiler driver found: neither `cc` nor `gcc` is on PATH; install a C toolchain or pass a linker path"
                : $"no C cross compiler for {triple}: `{CrossDriverName(triple)}` is not on PATH; install it " +
                  $"(gcc-{CrossDriverName(triple)[..^4]} and libc6-dev-{triple.ArchitectureName}-cross, see scripts/install-prereqs.sh) or pass a linker path";
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

    /// <summary>The full path of the program <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
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
