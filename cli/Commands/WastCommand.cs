using System.CommandLine;
using Stencil.Cli.Output;
using Stencil.Cli.Wast;
using Stencil.Engine.Wasm;
using Stencil.Isa;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil wast FILE.wast... [--opt-level none|speed]</c>: runs WebAssembly spec scripts (converted by wabt's
/// <c>wast2json</c>) against the compiler and runtime with the <c>spectest</c> host module. Prints each command that
/// did not pass (<c>file:line: verdict: command: what differed</c>), a line per file, and last, exactly,
/// <c>wast commands: P passed, F failed, U unsupported</c>. Exit code 1 when any failed.
/// </summary>
public static class WastCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "WebAssembly spec scripts (.wast).", Arity = ArgumentArity.OneOrMore };
        var optLevel = RunCommand.OptLevelOption();
        var command = new Command("wast", "Run WebAssembly spec scripts (.wast) and count the commands that pass.") { files, optLevel };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files) ?? [];
            if (!SourceFiles.AllExist(console, paths)) return CliExitCodes.InputError;
            var options = new WasmCompileOptions { OptLevel = RunCommand.ParseOptLevel(parse.GetValue(optLevel)), MaxDegreeOfParallelism = 1 };
            var results = WastSuite.Run(paths, options);
            foreach (var result in results)
            {
                foreach (var outcome in result.Outcomes.Where(o => o.Verdict != WastVerdict.Passed)) console.Out.WriteLine(outcome.ToString());
                console.Out.WriteLine(result.Summary);
            }
            console.Out.WriteLine(WastFileResult.Total(results));
            return results.Any(r => r.Failed > 0 || r.Error is not null) ? CliExitCodes.InputError : CliExitCodes.Success;
        });
        return command;
    }
}
