using System.CommandLine;
using Stencil.Cli.Output;
using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Isa;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil disasm FILE.clif [--target TRIPLE] [--set name=value]...</c>: compiles each function of one file (no
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
        var command = new Command("disasm", "Compile the functions of a CLIF file and print their machine code.") { file, target, settings };
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
                if (!TryCompile(context, source.Module, out var code, out var error))
                {
                    ConsoleDiagnostics.Write(console.Error, error);
                    return CliExitCodes.InputError;
                }
                listings.Add(Listing(isa, source.Module.Function, code));
            }
            console.Out.Write(string.Join("\n", listings));
            return CliExitCodes.Success;
        });
        return command;
    }

    /// <summary>Compiles one function; a construct the backend does not support is reported at the function.</summary>
    private static bool TryCompile(Context context, ModuleFunction function, out CompiledCodeStencil code, out Diagnostic error)
    {
        try
        {
            code = context.Compile(function.Function.Stencil);
            error = null!;
            return true;
        }
        catch (DiagnosticException e)
        {
            code = null!;
            error = e.Diagnostic.File is null
                ? e.Diagnostic with { File = function.File, Line = function.Line, Column = function.Column }
                : e.Diagnostic;
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
