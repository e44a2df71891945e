using System.CommandLine;
using Spectre.Console;
using Stencil.CacheDb;
using Stencil.Cli.Output;

namespace Stencil.Cli.Commands;

/// <summary><c>stencil cache history [--json] [--limit N] DBFILE</c>: the most recent builds, newest first.</summary>
public static class CacheHistoryCommand
{
    private const int DefaultLimit = 20;

    public static Command Create(CliConsole console)
    {
        var db = CommonSymbols.DbFile();
        var json = CommonSymbols.Json();
        var limit = new Option<int>("--limit", "-n")
        {
            Description = $"Show at most this many builds (default {DefaultLimit}).",
            DefaultValueFactory = _ => DefaultLimit,
            HelpName = "N",
        };
        limit.Validators.Add(result =>
        {
            if (result.GetValue(limit) < 0) result.AddError("--limit must not be negative.");
        });
        var command = new Command("history", "Show the most recent builds recorded in a cache.") { db, json, limit };
        command.SetAction(parse =>
        {
            using var database = CacheFileAccess.OpenExisting(parse.GetValue(db)!, console, readOnly: true);
            var builds = database.GetHistory(parse.GetValue(limit));
            if (parse.GetValue(json)) JsonOutput.Write(console.Out, builds);
            else Render(console, builds);
            return CliExitCodes.Success;
        });
        return command;
    }

    private static void Render(CliConsole console, IReadOnlyList<BuildRecord> builds)
    {
        var table = new Table().AddColumn("Project").AddColumn("Started (UTC)")
            .AddColumn(new TableColumn("Functions").RightAligned()).AddColumn(new TableColumn("Hits").RightAligned())
            .AddColumn(new TableColumn("Misses").RightAligned()).AddColumn(new TableColumn("Dedup").RightAligned())
            .AddColumn(new TableColumn("Remote hits").RightAligned()).AddColumn(new TableColumn("Remote misses").RightAligned())
            .AddColumn(new TableColumn("Time").RightAligned());
        foreach (var b in builds)
        {
            table.AddRow(new Text(b.ProjectName), new Text(TimeText.Format(b.StartedUtc)), new Text(b.Functions.ToString()),
                new Text(b.Hits.ToString()), new Text(b.Misses.ToString()), new Text(b.Deduplicated.ToString()),
                new Text(b.RemoteHits.ToString()), new Text(b.RemoteMisses.ToString()),
                new Text($"{b.ElapsedMs} ms"));
        }
        console.Ansi.Write(table);
        console.Out.WriteLine($"{builds.Count} builds");
    }
}
