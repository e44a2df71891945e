using System.Diagnostics;
using Stencil.Server.Client;
using Stencil.Server.Endpoint;
using Stencil.Server.Protocol;

namespace Stencil.Integration.Tests;

/// <summary>
/// A private folder for the compiler servers of one test (<c>STENCIL_SERVER_DIR</c>), and the environment that makes
/// builds use them. Dispose kills every process started for this folder (found by the folder in its command line, so
/// nothing else is touched): a test never leaves a server behind, whatever happened.
/// </summary>
internal sealed class ServerFolder : IDisposable
{
    private readonly TempDirectory _root = new("stn-srv");

    public ServerFolder()
    {
        if (!ServerDirectory.TryPrepare(Path, out var problem)) throw new InvalidOperationException(problem);
    }

    public string Path => System.IO.Path.Combine(_root.Path, "s");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StencilUseServer"] = "true",
        [ServerDirectory.EnvironmentVariable] = Path,
    };

    public IReadOnlyList<ServerEndpoint> Endpoints => ServerEndpoint.All(Path);

    public ServerStatus? Status(ServerEndpoint endpoint) => ServerControl.TryGetStatus(endpoint, out _);

    /// <summary>The ids of live processes whose command line names this folder (servers, running or starting).</summary>
    public IReadOnlyList<int> Processes()
    {
        var found = new List<int>();
        foreach (var entry in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(entry), out var pid) || pid == System.Environment.ProcessId) continue;
            try
            {
                var commandLine = File.ReadAllText(System.IO.Path.Combine(entry, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains("Stencil.Server.dll", StringComparison.Ordinal) && commandLine.Contains(Path, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(10_000);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    public void Dispose()
    {
        foreach (var pid in Processes()) Kill(pid);
        _root.Dispose();
    }
}
