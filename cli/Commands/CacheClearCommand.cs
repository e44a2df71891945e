using System.CommandLine;
using Stencil.Cli.Output;

namespace Stencil.Cli.Commands;

/// <summary><c>stencil cache clear DBFILE</c>: removes every entry and the build history.</summary>
public static class CacheClearCommand
{
    public static Command Create(CliConsole console)
    {
        var db = CommonSymbols.DbFile();
        var command = new Command("clear", "Remove every entry and the build history of a cache.") { db };
        command.SetAction(parse =>
        {
            using var database = CacheFileAccess.OpenExisting(parse.GetValue(db)!, console, readOnly: false);
            var removed = database.Clear();
            console.Out.WriteLine($"removed {removed} entries");
            return CliExitCodes.Success;
        });
        return command;
    }
}
