using System.CommandLine;
using Spectre.Console;
using Stencil.Cli.Output;
using Stencil.Engine.Building;
using Stencil.RemoteCache;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil bench cache [--functions N] [--json]</c>: builds a generated project cold, unchanged, with one
/// edit, with duplicated functions, and at the no-compile floor, and reports the times against the cache's targets.
/// </summary>
public static class BenchCacheCommand
{
    public static Command Create(CliConsole console)
    {
        var functions = new Option<int>("--functions", "-n")
        {
            Description = $"Number of generated functions (default {BenchCacheOptions.DefaultFunctions}).",
            DefaultValueFactory = _ => BenchCacheOptions.DefaultFunctions,
            HelpName = "N",
        };
        functions.Validators.Add(result =>
        {
            if (result.GetValue(functions) < 2) result.AddError("--functions must be at least 2.");
        });
        var repeats = new Option<int>("--repeats")
        {
            Description = "Runs per measurement; the median is reported (default 3).",
            DefaultValueFactory = _ => 3,
            HelpName = "N",
        };
        repeats.Validators.Add(result =>
        {
            if (result.GetValue(repeats) < 1) result.AddError("--repeats must be at least 1.");
        });
        var optLevel = new Option<string>("--opt-level")
        {
            Description = $"The opt_level every build compiles at: none (as Debug builds), speed (as Release builds; default) or speed_and_size.",
            DefaultValueFactory = _ => BenchCacheOptions.DefaultOptLevel,
            HelpName = "LEVEL",
        };
        optLevel.AcceptOnlyFromAmong("none", "speed", "speed_and_size");
        var remote = new Option<string?>("--remote")
        {
            Description = "Also measure a build with an empty local cache and a warm remote cache at this Redis address (keys go under a prefix of the run's own).",
            HelpName = "ADDRESS",
        };
        var json = CommonSymbols.Json();
        var command = new Command("cache", "Benchmark incremental builds through the compilation cache.") { functions, repeats, optLevel, remote, json };
        command.SetAction(parse =>
        {
            RemoteCacheAddress? address = null;
            if (parse.GetValue(remote) is { } text && !RemoteCacheAddress.TryParse(text, out address, out var error))
                throw CliException.Usage(BuildDiagnosticCodes.InvalidParameter, $"--remote: {error}");
            var result = new BenchCacheRunner(new BenchCacheOptions(parse.GetValue(functions))
            {
                Repeats = parse.GetValue(repeats), OptLevel = parse.GetValue(optLevel)!, RemoteCache = address,
            }).Run();
            if (parse.GetValue(json)) JsonOutput.Write(console.Out, result);
            else Render(console, result);
            return CliExitCodes.Success;
        });
        return command;
    }

    private static void Render(CliConsole console, BenchCacheResult r)
    {
        console.Out.WriteLine($"{r.Functions} functions, {r.Instructions} IR instructions, opt_level={r.OptLevel}");
        var table = new Table().AddColumn("Measurement").AddColumn(new TableColumn("ms").RightAligned())
            .AddColumn("Target").AddColumn("Met");
        Row(table, "cold (empty cache)", r.ColdMs, "", null);
        Row(table, "no change", r.NoChangeMs, $"≤ 0.02 × cold ({r.NoChangeRatio:0.000})", r.NoChangeRatio <= 0.02);
        Row(table, "one edit", r.OneEditMs, $"≤ 0.03 × cold ({r.OneEditRatio:0.000})", r.OneEditRatio <= 0.03);
        Row(table, "one edit vs floor", r.OneEditMs, $"≤ 2 × floor ({(r.FloorMs > 0 ? r.OneEditMs / r.FloorMs : 0):0.00})", r.OneEditMs <= 2 * r.FloorMs);
        Row(table, "floor (no compile, no cache)", r.FloorMs, "", null);
        Row(table, "unique half, cold", r.UniqueColdMs, "", null);
        Row(table, "unique + copies, cold", r.DupColdMs, $"≤ 1.1 × unique ({r.DupRatio:0.000})", r.DupRatio <= 1.1);
        if (r.RemoteMs is { } remoteMs)
            Row(table, "empty local, warm remote", remoteMs, $"≤ 0.1 × cold ({r.RemoteRatio:0.000}), {r.RemoteRoundTrips} round trips", r.RemoteRatio <= 0.1);
        console.Ansi.Write(table);

        if (r.NoChangeStages.Count == 0) return;
        var stages = new Table().AddColumn("Build stage").AddColumn(new TableColumn("no change, ms").RightAligned())
            .AddColumn(new TableColumn("one edit, ms").RightAligned());
        if (r.RemoteStages.Count > 0) stages.AddColumn(new TableColumn("warm remote, ms").RightAligned());
        string Ms(IReadOnlyList<Engine.Building.BuildStage> list, string name) => list.FirstOrDefault(e => e.Name == name)?.Ms.ToString("0.00") ?? "";
        var names = r.NoChangeStages.Select(s => s.Name).Concat(r.RemoteStages.Select(s => s.Name)).Distinct();
        foreach (var name in names)
        {
            Text[] cells = [new(name), new(Ms(r.NoChangeStages, name)), new(Ms(r.OneEditStages, name))];
            stages.AddRow(r.RemoteStages.Count > 0 ? [.. cells, new Text(Ms(r.RemoteStages, name))] : cells);
        }
        console.Ansi.Write(stages);
    }

    private static void Row(Table table, string name, double ms, string target, bool? met) =>
        table.AddRow(new Text(name), new Text(ms.ToString("0.00")), new Text(target), new Text(met switch { true => "yes", false => "NO", null => "" }));
}
