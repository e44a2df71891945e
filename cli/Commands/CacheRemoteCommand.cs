using System.CommandLine;
using Spectre.Console;
using Stencil.CacheDb;
using Stencil.Cli.Output;
using Stencil.Engine.Building;
using Stencil.RemoteCache;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil cache remote ping|stats [ADDRESS]</c>: is the remote cache reachable, how fast, and what it holds.
/// ADDRESS defaults to <c>STENCIL_REMOTE_CACHE</c>; it is shown without its password.
/// </summary>
public static class CacheRemoteCommand
{
    public static Command Create(CliConsole console) => new("remote", "Inspect a remote (Redis) cache.")
    {
        Ping(console),
        Stats(console),
    };

    private static Command Ping(CliConsole console)
    {
        var address = AddressArgument();
        var command = new Command("ping", "Check that a remote cache answers, and how fast.") { address };
        command.SetAction(parse =>
        {
            var remote = Resolve(parse.GetValue(address));
            var roundTrip = Run(() => RemoteCacheInspector.Ping(remote));
            console.Out.WriteLine($"{remote.Display}: answered in {roundTrip.TotalMilliseconds:0.###} ms");
            return CliExitCodes.Success;
        });
        return command;
    }

    private static Command Stats(CliConsole console)
    {
        var address = AddressArgument();
        var json = CommonSymbols.Json();
        var command = new Command("stats", "Show the round-trip time, keys under the prefix and memory of a remote cache.") { address, json };
        command.SetAction(parse =>
        {
            var remote = Resolve(parse.GetValue(address));
            var status = Run(() => RemoteCacheInspector.Stats(remote));
            if (parse.GetValue(json)) { JsonOutput.Write(console.Out, status); return CliExitCodes.Success; }
            var table = new Table().AddColumn("Property").AddColumn("Value");
            void Row(string name, string value) => table.AddRow(new Text(name), new Text(value));
            Row("Address", status.Address);
            Row("Prefix", status.Prefix);
            Row("Round trip", $"{status.RoundTrip.TotalMilliseconds:0.###} ms");
            Row("Keys under prefix", status.Keys.ToString());
            Row("Memory used", $"{ByteSize.Format(status.UsedMemoryBytes)} ({status.UsedMemoryBytes} bytes)");
            Row("Max memory", status.MaxMemory);
            Row("Eviction policy", status.EvictionPolicy);
            Row("Server version", status.ServerVersion);
            console.Ansi.Write(table);
            return CliExitCodes.Success;
        });
        return command;
    }

    private static Argument<string?> AddressArgument() => new("ADDRESS")
    {
        Description = $"redis://[user:password@]host[:port][/db][?prefix=...], rediss://..., or a StackExchange.Redis configuration string; default: ${RemoteCacheSettings.EnvironmentVariable}.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static RemoteCacheAddress Resolve(string? text)
    {
        text = string.IsNullOrWhiteSpace(text) ? System.Environment.GetEnvironmentVariable(RemoteCacheSettings.EnvironmentVariable) : text;
        if (string.IsNullOrWhiteSpace(text))
            throw CliException.Usage(BuildDiagnosticCodes.InvalidParameter, $"no remote cache address: give ADDRESS or set {RemoteCacheSettings.EnvironmentVariable}");
        if (!RemoteCacheAddress.TryParse(text, out var address, out var error))
            throw CliException.Usage(BuildDiagnosticCodes.InvalidParameter, $"the remote cache address is not valid: {error}");
        return address!;
    }

    private static T Run<T>(Func<T> inspect)
    {
        try { return inspect(); }
        catch (RemoteCacheException e) { throw CliException.Environment(BuildDiagnosticCodes.RemoteCacheWarning, e.Message); }
    }
}
