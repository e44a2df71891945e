using System.CommandLine;
using System.CommandLine.Parsing;
using Stencil.CacheDb;
using Stencil.Cli.Output;

namespace Stencil.Cli.Commands;

/// <summary><c>stencil cache trim DBFILE --max-size 10MB</c>: drops least-recently-used entries until the payloads fit.</summary>
public static class CacheTrimCommand
{
    public static Command Create(CliConsole console)
    {
        var db = CommonSymbols.DbFile();
        var maxSize = new Option<long>("--max-size")
        {
            Description = "Largest total payload size to keep, e.g. 10MB, 512KB, 1048576.",
            Required = true,
            HelpName = "SIZE",
            CustomParser = ParseSize,
        };
        var command = new Command("trim", "Remove least-recently-used entries down to a size.") { db, maxSize };
        command.SetAction(parse =>
        {
            using var database = CacheFileAccess.OpenExisting(parse.GetValue(db)!, console, readOnly: false);
            var limit = parse.GetValue(maxSize);
            var removed = database.Trim(limit);
            var left = database.GetStats();
            console.Out.WriteLine($"removed {removed} entries; {left.Entries} entries, {left.PayloadBytes} payload bytes remain (limit {limit})");
            return CliExitCodes.Success;
        });
        return command;
    }

    private static long ParseSize(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (ByteSize.TryParse(text, out var bytes)) return bytes;
        result.AddError($"'{text}' is not a size (examples: 1048576, 512KB, 10MB, 1GB).");
        return 0;
    }
}
