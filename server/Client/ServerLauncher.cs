using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Stencil.Server.Endpoint;

namespace Stencil.Server.Client;

/// <summary>
/// Starts a server detached: <c>dotnet exec Stencil.Server.dll</c> from the compiler's own folder, with its standard
/// streams closed at once, so no build's output pipe is held open by it (a caller reading a build's output to its end
/// would otherwise wait for the server to exit). The server leaves the caller's session itself.
/// </summary>
public static class ServerLauncher
{
    public static bool TryStart(string directory, TimeSpan idleTimeout, out string? problem)
    {
        problem = null;
        var folder = CompilerIdentity.AssemblyDirectory;
        var entry = Path.Combine(folder, "Stencil.Server.dll");
        var runtimeConfig = Path.Combine(folder, "Stencil.Server.runtimeconfig.json");
        if (!File.Exists(entry) || !File.Exists(runtimeConfig))
        {
            problem = "Stencil.Server.dll or its runtimeconfig.json is missing beside the task";
            return false;
        }
        if (DotnetHost.Find() is not { } host)
        {
            problem = "no dotnet host found";
            return false;
        }
        var start = new ProcessStartInfo(host)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in (string[])["exec", "--runtimeconfig", runtimeConfig, entry, "--dir", directory,
                     "--idle-timeout", idleTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)])
            start.ArgumentList.Add(argument);
        // The build's MSBuild settings mean nothing to the server, and a node's variables must not make it look like one.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                problem = "the server process did not start";
                return false;
            }
            process.StandardInput.Close();
            process.StandardOutput.Close();
            process.StandardError.Close();
            return true;
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            problem = ex.Message;
            return false;
        }
    }
}
