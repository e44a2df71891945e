using System.Diagnostics;
using System.Text;

namespace Stencil.Fault.Tests;

/// <summary>
/// A <c>stencil compile</c> run as its own process (<c>dotnet stencil.dll</c> from the test's output folder), so that
/// it can be killed at any moment like a build canceled with Ctrl+C, a CI timeout or a machine going down.
/// </summary>
internal sealed class StencilProcess : IDisposable
{
    private static readonly TimeSpan MaxRunTime = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock;
    private bool _killed;

    private StencilProcess(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "stencil.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Keep the child from printing first-run banners or competing for a terminal.
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _clock = Stopwatch.StartNew();
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The host that runs the tests also runs the CLI: the same runtime, whatever is on PATH.</summary>
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    /// <summary>Starts <c>stencil compile SOURCE -o OBJECT [--cache CACHE]</c>.</summary>
    public static StencilProcess StartCompile(string source, string objectPath, string? cachePath)
    {
        var arguments = new List<string> { "compile", source, "-o", objectPath };
        if (cachePath is not null) arguments.AddRange(["--cache", cachePath]);
        return new StencilProcess(arguments);
    }

    public static ProcessResult Compile(string source, string objectPath, string? cachePath)
    {
        using var process = StartCompile(source, objectPath, cachePath);
        return process.WaitForResult();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process and everything it started, unless it has already finished; true when it was killed.</summary>
    public bool Kill()
    {
        try
        {
            if (_process.HasExited) return false;
            _process.Kill(entireProcessTree: true);
            _killed = true;
            return true;
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
            return false;
        }
    }

    public ProcessResult WaitForResult()
    {
        if (!_process.WaitForExit(MaxRunTime))
        {
            Kill();
            _process.WaitForExit();
            Assert.Fail($"stencil did not finish within {MaxRunTime.TotalSeconds} s");
        }
        // The parameterless wait also drains the redirected streams.
        _process.WaitForExit();
        _clock.Stop();
        string stdout, stderr;
        lock (_stdout) stdout = _stdout.ToString();
        lock (_stderr) stderr = _stderr.ToString();
        return new ProcessResult(_process.ExitCode, stdout, stderr, _clock.Elapsed, _killed);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
