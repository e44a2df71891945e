using System.CommandLine;
using Spectre.Console;
using Stencil.CacheDb;
using Stencil.Cli.Output;

namespace Stencil.Cli.Commands;

/// <summary><c>stencil cache ls [--json] [--limit N] DBFILE</c>: the entries, ordered by key.</summary>
public static class CacheListCommand
{
    /// <summary>Enough of a key to tell entries apart in a table; <c>cache show</c> accepts any unique prefix.</summary>
    private const int ShortKeyLength = 16;

    public static Command Create(CliConsole console)
    {
        var db = CommonSymbols.DbFile();
        var json = CommonSymbols.Json();
        var limit = new Option<int?>("--limit", "-n") { Description = "Show at most this many entries.", HelpName = "N" };
        limit.Validators.Add(result =>
        {
            if (result.GetValue(limit) is < 0) result.AddError("--limit must not be negative.");
        });
        var command = new Command("ls", "List the entries of a cache.") { db, json, limit };
        command.SetAction(parse =>
        {
            using var database = CacheFileAccess.OpenExisting(parse.GetValue(db)!, console, readOnly: true);
            var all = database.ListEntries();
            var shown = parse.GetValue(limit) is int max ? all.Take(max).ToList() : all;
            if (parse.GetValue(json)) JsonOutput.Write(console.Out, new { total = all.Count, entries = shown });
            else Render(console, all.Count, shown);
            return CliExitCodes.Success;
        });
        return command;
    }

    private static void Render(CliConsole console, int total, IReadOnlyList<CacheEntrySummary> entries)
    {
        var table = new Table()
            .AddColumn("Key").AddColumn("Function").AddColumn(new TableColumn("Size").RightAligned()).AddColumn("Triple")
            .AddColumn("Created (UTC)").AddColumn("Last hit (UTC)").AddColumn(new TableColumn("Hits").RightAligned());
        foreach (var e in entries)
        {
            table.AddRow(new Text(e.Key[..Math.Min(ShortKeyLength, e.Key.Length)]), new Text(e.FunctionName),
                new Text(e.Size.ToString()), new Text(e.Triple), new Text(TimeText.Format(e.CreatedUtc)),
                new Text(TimeText.Format(e.LastHitUtc)), new Text(e.HitCount.ToString()));
        }
        console.Ansi.Write(table);
        console.Out.WriteLine(entries.Count == total ? $"{total} entries" : $"{entries.Count} of {total} entries");
    }
}
