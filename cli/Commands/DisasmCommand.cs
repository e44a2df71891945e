using System.CommandLine;
using Stencil.Cli.Output;
using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Isa;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil disasm FILE.clif [--target TRIPLE] [--set name=value]... [--verbose]</c>: compiles each function of one file (no
/// cache, no object) and prints its machine code, with relocations resolved to the names they bind to. The file's
/// <c>set</c> and <c>target</c> lines apply as in <c>compile</c> (<see cref="SourceSettings"/>).
/// </summary>
public static class DisasmCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A CLIF source file." };
        var target = CommonSymbols.Target();
        var settings = CommonSymbols.Settings();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show the details of internal errors (their stack traces)." };
        var command = new Command("disasm", "Compile the functions of a CLIF file and print their machine code.") { file, target, settings, verbose };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!SourceFiles.AllExist(console, [path])) return CliExitCodes.InputError;
            var commandLine = parse.GetValue(settings) ?? [];
            var isa = TargetSelection.Resolve(parse.GetValue(target), commandLine);

            // The build's own loader and the file's own settings, so disasm accepts and rejects exactly what compile does.
            var diagnostics = new List<Diagnostic>();
            var merged = SourceSettings.TryMerge([Path.GetFullPath(path)], isa.Triple, commandLine, diagnostics);
            if (merged is null)
            {
                ConsoleDiagnostics.WriteAll(console.Error, diagnostics);
                return CliExitCodes.InputError;
            }
            isa = TargetSelection.Resolve(parse.GetValue(target), merged);
            var functions = SourceLoader.Load([path], diagnostics);
            if (ConsoleDiagnostics.WriteAll(console.Error, diagnostics) > 0) return CliExitCodes.InputError;

            var listings = new List<string>(functions.Count);
            var context = new Context(isa);
            foreach (var source in functions)
            {
                if (!TryDisassemble(context, source.Module, out var listing, out var error))
                {
                    ConsoleDiagnostics.WriteAll(console.Error, [error], parse.GetValue(verbose));
                    // A bug of ours is not the input's fault: the same exit code as compile gives it.
                    return error.Code == BuildDiagnosticCodes.InternalCompilerError ? CliExitCodes.EnvironmentError : CliExitCodes.InputError;
                }
                listings.Add(listing);
            }
            console.Out.Write(string.Join("\n", listings));
            return CliExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Compiles and lists one function; a construct the backend does not support is reported at the function, and so is a bug of
    /// ours, as the build reports it (STN9001, its stack trace for <c>--verbose</c>).
    /// </summary>
    private static bool TryDisassemble(Context context, ModuleFunction function, out string listing, out Diagnostic error)
    {
        try
        {
            var code = context.Compile(function.Function.Stencil, function.DisplayName);
            listing = Listing(context.Isa, function.Function, code);
            error = null!;
            return true;
        }
        catch (DiagnosticException e)
        {
            listing = "";
            error = e.Diagnostic.File is null
                ? e.Diagnostic with { File = function.File, Line = function.Line, Column = function.Column }
                : e.Diagnostic;
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            listing = "";
            error = InternalErrors.InFunction(e, function);
            return false;
        }
    }

    private static string Listing(TargetIsa isa, Function function, CompiledCodeStencil code)
    {
        var output = new StringWriter { NewLine = "\n" };
        var final = Finalizer.Finalize(code, function.Params);
        output.WriteLine($"function {function.Name}");
        output.Write(isa.Disassemble(code.Code, code.Relocs));
        if (final.Relocs.Count > 0)
        {
            output.WriteLine("relocations:");
            foreach (var r in final.Relocs)
                output.WriteLine($"  {r.Offset:x4} {r.Kind} {r.Target.SymbolName}{(r.Addend >= 0 ? "+" : "")}{r.Addend}");
        }
        if (final.Traps.Count > 0)
        {
            output.WriteLine("traps:");
            foreach (var t in final.Traps) output.WriteLine($"  {t.Offset:x4} {t.Code}");
        }
        output.WriteLine($"code size: {code.Code.Length} bytes, frame size: {code.FrameSize} bytes");
        return output.ToString();
    }
}
