using System.CommandLine;
using Stencil.Cli.Output;

namespace Stencil.Cli.Commands;

/// <summary><c>stencil cache</c>: the group of inspection and maintenance commands for a cache file.</summary>
public static class CacheCommand
{
    public static Command Create(CliConsole console) => new("cache", "Inspect and maintain a Stencil cache database.")
    {
        CacheStatsCommand.Create(console),
        CacheListCommand.Create(console),
        CacheShowCommand.Create(console),
        CacheVerifyCommand.Create(console),
        CacheTrimCommand.Create(console),
        CacheClearCommand.Create(console),
        CacheHistoryCommand.Create(console),
        CacheRemoteCommand.Create(console),
    };
}
