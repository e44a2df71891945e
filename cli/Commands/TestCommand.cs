using System.CommandLine;
using Stencil.Cli.Output;
using Stencil.Engine.Building;
using Stencil.Engine.FileTests;
using Stencil.Ir.Diagnostics;
using Stencil.Isa;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil test PATH... [--json] [--target TRIPLE | --via-object]</c>: runs CLIF file tests (<c>test run</c> natively,
/// <c>test interpret</c> in the interpreter) over files and directories. With <c>--target</c> (or <c>--via-object</c>
/// for the host) <c>test run</c> goes through a linked object instead of the JIT, natively or under qemu-user, for the
/// files that name that target; the interpreter, which no target changes, is then not run. Prints one line per file and one per directive that did not pass, then a
/// per-tier summary for every folder with a <c>MANIFEST.tsv</c>, and last the summary line. Exit 0 when nothing failed.
/// </summary>
public static class TestCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH") { Description = "CLIF test files, or directories searched for *.clif.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Write the results as JSON." };
        var optLevel = new Option<string?>("--opt-level") { Description = "Compile every file at this opt_level (none, speed, speed_and_size), whatever its set lines say." };
        var target = new Option<string?>("--target") { Description = "Run `test run` files for this target triple (e.g. s390x-unknown-linux-gnu) through a linked object, under qemu-user when it is not the host." };
        var viaObject = new Option<bool>("--via-object") { Description = "Run `test run` files for the host through a linked object instead of the JIT." };
        var command = new Command("test", "Run the run directives of CLIF file tests natively and in the interpreter.") { paths, json, optLevel, target, viaObject };
        command.SetAction(parse => Execute(console, parse.GetValue(paths) ?? [], parse.GetValue(json), parse.GetValue(optLevel), parse.GetValue(target), parse.GetValue(viaObject)));
        return command;
    }

    private static int Execute(CliConsole console, string[] paths, bool json, string? optLevel, string? targetText, bool viaObject)
    {
        var options = new FileTestOptions();
        if (targetText is not null || viaObject)
        {
            var text = targetText ?? TargetTriple.DefaultName;
            if (!TargetTriple.TryParse(text, out var triple))
            {
                ConsoleDiagnostics.Write(console.Error, Diagnostic.Error(BuildDiagnosticCodes.InvalidTarget, $"--target: '{text}' is not a target triple (for example {TargetTriple.DefaultName})"));
                return CliExitCodes.UsageError;
            }
            if (!Stencil.Engine.Object.ObjectModule.IsSupported(triple))
            {
                ConsoleDiagnostics.Write(console.Error, Diagnostic.Error(BuildDiagnosticCodes.InvalidTarget, $"--target: Stencil cannot write objects for {triple}"));
                return CliExitCodes.UsageError;
            }
            options = options with { Target = triple, Interpret = false };
        }
        if (optLevel is not null)
        {
            if (!IsaFlags.Default.TrySet("opt_level", optLevel, out var flags, out var error))
            {
                ConsoleDiagnostics.Write(console.Error, Diagnostic.Error(BuildDiagnosticCodes.InvalidSetting, "--opt-level: " + error));
                return CliExitCodes.InputError;
            }
            options = options with { ForcedOptLevel = flags.OptLevel };
        }
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        foreach (var path in missing)
            ConsoleDiagnostics.Write(console.Error, Diagnostic.Error(BuildDiagnosticCodes.FileNotFound, $"file or directory not found: {path}"));
        if (missing.Count > 0) return CliExitCodes.InputError;

        var summary = FileTestRunner.RunPaths(paths, options);
        var tiers = TierReports(paths, summary, options.Interpret);
        if (json) WriteJson(console, summary, tiers);
        else WriteText(console, summary, tiers);
        return summary.Succeeded ? CliExitCodes.Success : CliExitCodes.InputError;
    }

    private static void WriteText(CliConsole console, FileTestSummary summary, IReadOnlyList<(string Folder, FileTestMode Mode, TierSummary Tier)> tiers)
    {
        var output = console.Out;
        foreach (var file in summary.Files)
        {
            var verdict = file.Error is not null ? "ERROR" : file.Crash is not null ? "CRASH" : file.Failed > 0 ? "FAIL" : "ok";
            output.WriteLine($"{verdict} {file.Path}: {file.Passed} passed, {file.Failed} failed, {file.Unsupported} unsupported");
            if (file.Error is not null) output.WriteLine("  " + file.Error);
            if (file.Crash is not null) output.WriteLine("  runner crash: " + file.Crash);
            foreach (var d in file.Directives.Where(d => d.Outcome == DirectiveOutcome.Failed)) output.WriteLine("  " + d);
        }
        foreach (var (folder, mode, tier) in tiers) output.WriteLine($"{folder}: {mode.ToString().ToLowerInvariant()} {tier}");
        output.WriteLine(summary.Line);
    }

    private static void WriteJson(CliConsole console, FileTestSummary summary, IReadOnlyList<(string Folder, FileTestMode Mode, TierSummary Tier)> tiers)
    {
        JsonOutput.Write(console.Out, new
        {
            files = summary.Files.Select(f => new
            {
                path = f.Path,
                passed = f.Passed,
                failed = f.Failed,
                unsupported = f.Unsupported,
                error = f.Error,
                crash = f.Crash,
                notes = f.Notes,
                directives = f.Directives.Select(d => new
                {
                    mode = d.Mode,
                    line = d.Location.Line,
                    text = d.Text,
                    outcome = d.Outcome,
                    message = d.Message,
                }),
            }),
            tiers = tiers.Select(t => new
            {
                folder = t.Folder,
                mode = t.Mode,
                tier = t.Tier.Tier,
                files = t.Tier.Files,
                passed = t.Tier.Passed,
                failed = t.Tier.Failed,
                unsupported = t.Tier.Unsupported,
            }),
            passed = summary.Passed,
            failed = summary.Failed,
            unsupported = summary.Unsupported,
            parseErrors = summary.ParseErrors,
            crashes = summary.Crashes,
            summary = summary.Line,
        });
    }

    /// <summary>Per-tier totals for each folder named (or holding a named file) that has a manifest.</summary>
    private static IReadOnlyList<(string Folder, FileTestMode Mode, TierSummary Tier)> TierReports(string[] paths, FileTestSummary summary, bool interpreted)
    {
        var reports = new List<(string, FileTestMode, TierSummary)>();
        var folders = paths.Select(p => Path.GetFullPath(Directory.Exists(p) ? p : Path.GetDirectoryName(Path.GetFullPath(p))!))
            .Distinct(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            if (TierManifest.TryLoad(folder) is not { } manifest) continue;
            var inside = summary.Files.Where(f => Path.GetFullPath(f.Path).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
            foreach (var mode in interpreted ? new[] { FileTestMode.Native, FileTestMode.Interpret } : [FileTestMode.Native])
                foreach (var tier in manifest.Summarize(inside, mode)) reports.Add((folder, mode, tier));
        }
        return reports;
    }
}
