using System.CommandLine;
using Spectre.Console;
using Stencil.CacheDb;
using Stencil.Cli.Output;

namespace Stencil.Cli.Commands;

/// <summary><c>stencil cache stats [--json] DBFILE</c>: sizes, counts and hit rate of a cache file.</summary>
public static class CacheStatsCommand
{
    public static Command Create(CliConsole console)
    {
        var db = CommonSymbols.DbFile();
        var json = CommonSymbols.Json();
        var command = new Command("stats", "Show entry counts, sizes and the hit rate of a cache.") { db, json };
        command.SetAction(parse =>
        {
            using var database = CacheFileAccess.OpenExisting(parse.GetValue(db)!, console, readOnly: true);
            var stats = database.GetStats();
            if (parse.GetValue(json)) JsonOutput.Write(console.Out, stats);
            else Render(console, stats);
            return CliExitCodes.Success;
        });
        return command;
    }

    private static void Render(CliConsole console, CacheStats stats)
    {
        var lookups = stats.TotalHits + stats.TotalMisses;
        var hitRate = lookups == 0 ? "n/a" : $"{100.0 * stats.TotalHits / lookups:0.0}%";
        var table = new Table().AddColumn("Property").AddColumn("Value");
        AddRow(table, "Path", stats.Path);
        AddRow(table, "Schema version", stats.SchemaVersion.ToString());
        AddRow(table, "File size", $"{ByteSize.Format(stats.FileBytes)} ({stats.FileBytes} bytes)");
        AddRow(table, "Journal size", $"{ByteSize.Format(stats.JournalBytes)} ({stats.JournalBytes} bytes)");
        AddRow(table, "Entries", stats.Entries.ToString());
        AddRow(table, "Payload size", $"{ByteSize.Format(stats.PayloadBytes)} ({stats.PayloadBytes} bytes)");
        AddRow(table, "Packs", $"{stats.Packs}, {ByteSize.Format(stats.PackBytes)} ({stats.PackBytes} bytes)");
        AddRow(table, "Build manifests", $"{stats.Manifests}, {ByteSize.Format(stats.ManifestBytes)} ({stats.ManifestBytes} bytes)");
        AddRow(table, "Builds", stats.Builds.ToString());
        AddRow(table, "Hits", stats.TotalHits.ToString());
        AddRow(table, "Misses", stats.TotalMisses.ToString());
        AddRow(table, "Hit rate", hitRate);
        AddRow(table, "Remote hits", stats.TotalRemoteHits.ToString());
        AddRow(table, "Remote misses", stats.TotalRemoteMisses.ToString());
        AddRow(table, "Oldest entry (UTC)", TimeText.Format(stats.OldestEntryUtc));
        AddRow(table, "Newest entry (UTC)", TimeText.Format(stats.NewestEntryUtc));
        AddRow(table, "Last build (UTC)", TimeText.Format(stats.LastBuildUtc));
        console.Ansi.Write(table);

        if (stats.Triples.Count == 0) return;
        var triples = new Table().AddColumn("Triple").AddColumn(new TableColumn("Entries").RightAligned())
            .AddColumn(new TableColumn("Payload").RightAligned());
        foreach (var t in stats.Triples)
            triples.AddRow(new Text(t.Triple), new Text(t.Entries.ToString()), new Text(ByteSize.Format(t.PayloadBytes)));
        console.Ansi.Write(triples);
    }

    private static void AddRow(Table table, string name, string value) => table.AddRow(new Text(name), new Text(value));
}
