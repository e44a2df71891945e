using System.CommandLine;
using System.Globalization;
using Stencil.CacheDb;
using Stencil.Cli.Output;
using Stencil.Engine.Building;
using Stencil.Server.Client;
using Stencil.Server.Endpoint;
using Stencil.Server.Hosting;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil server status|start|stop [--dir DIR]</c>: the user's compiler servers. Status and stop reach servers of any
/// version in the folder; start starts this compiler's own (the one builds of the same version use).
/// </summary>
public static class ServerCommand
{
    public static Command Create(CliConsole console) => new("server", "Show, start or stop the compiler servers that builds use.")
    {
        Status(console),
        Start(console),
        Stop(console),
    };

    private static Option<string?> DirectoryOption() => new("--dir")
    {
        Description = $"The servers' folder; default ${ServerDirectory.EnvironmentVariable}, else $XDG_RUNTIME_DIR/stencil, else /tmp/stencil-UID.",
    };

    private static string Folder(string? given) => string.IsNullOrWhiteSpace(given) ? ServerDirectory.Default : Path.GetFullPath(given);

    private static Command Status(CliConsole console)
    {
        var dir = DirectoryOption();
        var command = new Command("status", "Show each running server: pid, version, uptime, builds served, memory.") { dir };
        command.SetAction(parse =>
        {
            var folder = Folder(parse.GetValue(dir));
            var shown = 0;
            foreach (var endpoint in ServerEndpoint.All(folder))
            {
                if (ServerControl.TryGetStatus(endpoint, out _) is not { } s) continue;
                var whose = s.Identity == CompilerIdentity.Current ? "this compiler" : "another version";
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pid {s.ProcessId}: version {s.Identity} ({whose}), up {Uptime(s.Uptime)}, {s.BuildsServed} builds served, {s.ActiveBuilds} building, memory {ByteSize.Format(s.WorkingSetBytes)}, idle timeout {s.IdleTimeout.TotalSeconds:0.#} s"));
                shown++;
            }
            if (shown == 0) console.Out.WriteLine($"no compiler server running in {folder}");
            return CliExitCodes.Success;
        });
        return command;
    }

    private static Command Start(CliConsole console)
    {
        var dir = DirectoryOption();
        var idle = new Option<double?>("--idle-timeout") { Description = "Seconds without a build before the server exits (default 600)." };
        var command = new Command("start", "Start this compiler's server, unless it is running already.") { dir, idle };
        command.SetAction(parse =>
        {
            var options = new ServerClientOptions
            {
                Directory = Folder(parse.GetValue(dir)),
                IdleTimeout = parse.GetValue(idle) is { } seconds && seconds > 0 ? TimeSpan.FromSeconds(seconds) : ServerOptions.DefaultIdleTimeout,
            };
            using var connection = ServerClient.TryConnectOrStart(options, out var reason);
            if (connection is null)
                throw CliException.Environment(BuildDiagnosticCodes.Internal, $"the compiler server could not be started: {reason}");
            console.Out.WriteLine($"compiler server {connection.Server.Identity} running, pid {connection.Server.ProcessId}");
            return CliExitCodes.Success;
        });
        return command;
    }

    private static Command Stop(CliConsole console)
    {
        var dir = DirectoryOption();
        var command = new Command("stop", "Stop every server in the folder (builds in progress finish first).") { dir };
        command.SetAction(parse =>
        {
            var folder = Folder(parse.GetValue(dir));
            var stopped = 0;
            foreach (var endpoint in ServerEndpoint.All(folder))
            {
                if (ServerControl.TryGetStatus(endpoint, out _) is not { } s || !ServerControl.TryStop(endpoint, out _)) continue;
                console.Out.WriteLine($"stopped pid {s.ProcessId} ({s.Identity})");
                stopped++;
            }
            if (stopped == 0) console.Out.WriteLine($"no compiler server running in {folder}");
            return CliExitCodes.Success;
        });
        return command;
    }

    private static string Uptime(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:00}s" : $"{t.TotalSeconds:0}s";
}
