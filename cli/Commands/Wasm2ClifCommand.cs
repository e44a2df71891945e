using System.CommandLine;
using System.Globalization;
using Stencil.Cli.Output;
using Stencil.Engine.Building;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Wasm;
using Stencil.Wasm.Module;
using Stencil.Wasm.Translation;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil wasm2clif MODULE.wasm [--function N|NAME]</c>: the IR the translator makes of a WebAssembly module, as
/// Wasmtime's <c>--emit-clif</c> shows it: every defined function and trampoline, or one function chosen by index,
/// by its name in the name section, or by an export name.
/// </summary>
public static class Wasm2ClifCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("MODULE") { Description = "A WebAssembly module (.wasm)." };
        var function = new Option<string?>("--function") { Description = "Only this function: its index, its name (name section) or an export name.", HelpName = "N|NAME" };
        var command = new Command("wasm2clif", "Print the Cranelift IR a WebAssembly module translates into.") { file, function };
        command.SetAction(parse => Execute(console, parse.GetValue(file)!, parse.GetValue(function)));
        return command;
    }

    private static int Execute(CliConsole console, string path, string? function)
    {
        if (!SourceFiles.AllExist(console, [path])) return CliExitCodes.InputError;
        var module = WasmLoader.Load(File.ReadAllBytes(path), Path.GetFileName(path));
        var name = WasmCompile.ModuleName(path);
        if (function is null)
        {
            var translated = ModuleTranslator.Translate(module, name);
            for (int i = 0; i < translated.Functions.Count; i++)
            {
                if (i > 0) console.Out.WriteLine();
                console.Out.Write(ClifWriter.Write(translated.Functions[i].Function));
            }
            return CliExitCodes.Success;
        }
        if (!TryFind(module, function, out var index))
        {
            ConsoleDiagnostics.Write(console.Error, Diagnostic.Error(BuildDiagnosticCodes.InvalidParameter,
                $"'{function}' is not a defined function of {Path.GetFileName(path)} (give its index, its name or an export name)"));
            return CliExitCodes.InputError;
        }
        console.Out.Write(ClifWriter.Write(ModuleTranslator.TranslateFunction(module, name, index).Function));
        return CliExitCodes.Success;
    }

    private static bool TryFind(WasmModule module, string text, out uint index)
    {
        bool Defined(uint i) => i >= module.ImportedFunctionCount && i < module.FunctionCount;
        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index)) return Defined(index);
        foreach (var (i, n) in module.FunctionNames.OrderBy(p => p.Key))
            if (n == text && Defined(i)) { index = i; return true; }
        foreach (var e in module.Exports)
            if (e.Kind == ExternalKind.Function && e.Name == text && Defined(e.Index)) { index = e.Index; return true; }
        index = 0;
        return false;
    }
}
