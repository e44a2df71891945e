using System.CommandLine;
using Spectre.Console;
using Stencil.Cli.Output;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil cache verify DBFILE [--repair] [--json]</c>: checks every payload against its length and SHA-256.
/// Exit 0 when the cache is healthy or every problem was repaired, 3 when damage remains.
/// </summary>
public static class CacheVerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var db = CommonSymbols.DbFile();
        var repair = new Option<bool>("--repair") { Description = "Delete the entries that fail verification." };
        var json = CommonSymbols.Json();
        var command = new Command("verify", "Check every entry of a cache for damage.") { db, repair, json };
        command.SetAction(parse =>
        {
            var deleteBad = parse.GetValue(repair);
            using var database = CacheFileAccess.OpenExisting(parse.GetValue(db)!, console, readOnly: !deleteBad);
            var result = database.Verify(deleteBad);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(console.Out, new { result.Checked, result.IsHealthy, result.Deleted, result.Problems });
            }
            else
            {
                if (result.Problems.Count > 0)
                {
                    var table = new Table().AddColumn("Key").AddColumn("Problem");
                    foreach (var p in result.Problems) table.AddRow(new Text(p.Key), new Text(p.Reason));
                    console.Ansi.Write(table);
                }
                console.Out.WriteLine($"{result.Checked} entries checked, {result.Problems.Count} damaged, {result.Deleted} deleted");
            }
            var remaining = result.Problems.Count - result.Deleted;
            return result.IsHealthy || (deleteBad && remaining <= 0) ? CliExitCodes.Success : CliExitCodes.EnvironmentError;
        });
        return command;
    }
}
