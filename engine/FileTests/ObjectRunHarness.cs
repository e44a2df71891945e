using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using Stencil.Engine.Linking;
using Stencil.Isa;

namespace Stencil.Engine.FileTests;

/// <summary>
/// Links a run-test object with the fixed C runner (<c>ObjectRunner.c</c>, compiled once per target and process by
/// the target's gcc) and runs it: natively on the host, under qemu-user for another architecture. Tool problems are
/// reported as text, never thrown.
/// </summary>
internal static class ObjectRunHarness
{
    private static readonly ConcurrentDictionary<string, Lazy<(string? Path, string? Error)>> Runners = new(StringComparer.Ordinal);
    private static readonly Lazy<string> Folder = new(CreateFolder);

    /// <summary>How an executable for a non-host architecture runs here: the qemu-user emulator and its sysroot.</summary>
    private static readonly Dictionary<Architecture, string> Emulators = new() { [Architecture.S390x] = "qemu-s390x" };

    /// <summary>A scratch folder of this process, removed when it exits.</summary>
    public static string ScratchFolder => Folder.Value;

    /// <summary>The runner's object for <paramref name="triple"/>, compiled on first use.</summary>
    public static bool TryGetRunner(TargetTriple triple, out string path, out string error)
    {
        var result = Runners.GetOrAdd(triple.ToString(), _ => new Lazy<(string?, string?)>(() => CompileRunner(triple))).Value;
        path = result.Path ?? "";
        error = result.Error ?? "";
        return result.Path is not null;
    }

    /// <summary>The program and leading arguments that run an executable for <paramref name="triple"/>, or an error
    /// naming what is missing.</summary>
    public static bool TryGetLauncher(TargetTriple triple, out string? emulator, out string[] arguments, out string error)
    {
        emulator = null;
        arguments = [];
        error = "";
        if (SystemLinker.IsHost(triple)) return true;
        if (!Emulators.TryGetValue(triple.Architecture, out var name))
        {
            error = $"no way to run {triple} code on this machine";
            return false;
        }
        emulator = SystemLinker.FindOnPath(name);
        if (emulator is null)
        {
            error = $"`{name}` is not on PATH: install qemu-user (see scripts/install-prereqs.sh) to run {triple} code";
            return false;
        }
        arguments = ["-L", $"/usr/{triple.ArchitectureName}-{triple.OperatingSystem}-{triple.Environment ?? "gnu"}"];
        return true;
    }

    /// <summary>Runs <paramref name="executable"/> from directive <paramref name="first"/> on; its output lines, or false
    /// with what went wrong when it could not start or overran <paramref name="wallLimit"/>.</summary>
    public static bool TryRun(string? emulator, string[] emulatorArguments, string executable, int first, int timeoutSeconds, TimeSpan wallLimit,
        out List<string> lines, out string error)
    {
        lines = [];
        error = "";
        var start = new ProcessStartInfo(emulator ?? executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (emulator is not null)
        {
            foreach (var a in emulatorArguments) start.ArgumentList.Add(a);
            start.ArgumentList.Add(executable);
        }
        start.ArgumentList.Add(first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(wallLimit))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                error = $"the run did not finish within {wallLimit.TotalSeconds:0} s and was stopped";
            }
            else if (process.ExitCode != 0)
                error = $"the run ended with exit code {process.ExitCode}{Tail(stderr.Result)}";
            lines.AddRange(stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            return true;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            error = $"could not run `{start.FileName}`: {e.Message}";
            return false;
        }
    }

    private static (string?, string?) CompileRunner(TargetTriple triple)
    {
        var folder = Path.Combine(ScratchFolder, "runner-" + triple);
        Directory.CreateDirectory(folder);
        var source = Path.Combine(folder, "runner.c");
        using (var resource = typeof(ObjectRunHarness).Assembly.GetManifestResourceStream("Stencil.Engine.FileTests.ObjectRunner.c")!)
        using (var file = File.Create(source))
            resource.CopyTo(file);
        var obj = Path.Combine(folder, "runner.o");
        return SystemLinker.TryCompileC(source, obj, triple, out var diagnostics)
            ? (obj, null)
            : (null, $"the run-test runner does not compile for {triple}: {diagnostics}");
    }

    private static string CreateFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"stencil-run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return folder;
    }

    private static string Tail(string text)
    {
        text = text.Trim();
        return text.Length == 0 ? "" : ": " + (text.Length > 400 ? text[^400..] : text);
    }
}
