using System.Globalization;
using System.Runtime.InteropServices;
using Stencil.Server.Endpoint;
using Stencil.Server.Hosting;

namespace Stencil.Server;

/// <summary>
/// <c>dotnet Stencil.Server.dll --dir DIR [--idle-timeout SECONDS]</c>: the compiler server's process, started detached
/// by the first build that needs it (or by <c>stencil server start</c>). Exit code 0 also when another server already
/// holds the name: the caller only wants one to be running.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var directory = ServerDirectory.Default;
        var idle = ServerOptions.DefaultIdleTimeout;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--dir": directory = Path.GetFullPath(args[i + 1]); break;
                case "--idle-timeout" when double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0:
                    idle = TimeSpan.FromSeconds(s);
                    break;
                default: return 2;
            }
        }
        // Out of the starting build's session and process group: its end, or a Ctrl+C in its terminal, is not ours.
        Libc.SetSid();
        using var server = CompilerServer.TryStart(new ServerOptions(directory, idle), out _);
        if (server is null) return 0;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            server.Stop("SIGTERM");
        });
        server.RunAsync().GetAwaiter().GetResult();
        return 0;
    }
}
