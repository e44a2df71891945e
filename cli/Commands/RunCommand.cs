using System.CommandLine;
using System.Globalization;
using Stencil.Cli.Output;
using Stencil.Cli.Wasm;
using Stencil.Engine.Building;
using Stencil.Engine.Wasm;
using Stencil.Ir.Diagnostics;
using Stencil.Isa;
using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil run MODULE.wasm --invoke EXPORT [ARG...]</c>: compiles a module into this process, instantiates it
/// (its imports may come only from the <c>spectest</c> host module), calls one exported function with the
/// arguments parsed by its parameter types, and prints each result on its own line (integers in decimal, floats as
/// the shortest text that reads back the same). A trap prints <c>trap: KIND</c> on stderr and exits 1.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("MODULE") { Description = "A WebAssembly module (.wasm)." };
        var arguments = new Argument<string[]>("ARG") { Description = "Arguments of the export, one per parameter.", Arity = ArgumentArity.ZeroOrMore };
        var invoke = new Option<string>("--invoke") { Description = "The exported function to call.", HelpName = "EXPORT", Required = true };
        var optLevel = OptLevelOption();
        var command = new Command("run", "Compile a WebAssembly module into this process and call one of its exports.") { file, arguments, invoke, optLevel };
        command.SetAction(parse => Execute(console, parse.GetValue(file)!, parse.GetValue(invoke)!, parse.GetValue(arguments) ?? [],
            ParseOptLevel(parse.GetValue(optLevel))));
        return command;
    }

    internal static Option<string> OptLevelOption() => new("--opt-level")
    {
        Description = "The backend's opt_level for the module's functions: none or speed.",
        HelpName = "LEVEL",
        DefaultValueFactory = _ => "speed",
    };

    internal static OptLevel ParseOptLevel(string? text) => text switch
    {
        "none" => OptLevel.None,
        "speed" or null => OptLevel.Speed,
        _ => throw CliException.Usage(BuildDiagnosticCodes.InvalidParameter, $"--opt-level must be none or speed, not '{text}'"),
    };

    private static int Execute(CliConsole console, string path, string export, string[] texts, OptLevel optLevel)
    {
        if (!SourceFiles.AllExist(console, [path])) return CliExitCodes.InputError;
        var name = Path.GetFileName(path);
        LoadedModule module;
        try
        {
            module = LoadedModule.Load(File.ReadAllBytes(path), name, Path.GetFileNameWithoutExtension(path), new WasmCompileOptions { OptLevel = optLevel });
        }
        catch (WasmCompileException e)
        {
            ConsoleDiagnostics.WriteAll(console.Error, e.Diagnostics);
            return e.Diagnostics.Any(d => d.Code == BuildDiagnosticCodes.InternalCompilerError) ? CliExitCodes.EnvironmentError : CliExitCodes.InputError;
        }
        using (module)
        using (var store = new Store())
        {
            var imports = SpectestModule.Define(new Imports(), store, console.Out);
            foreach (var import in module.Module.Imports.Where(i => i.ModuleName != SpectestModule.Name))
                throw Input(WasmRuntimeDiagnosticCodes.Unlinkable, name,
                    $"import \"{import.ModuleName}\" \"{import.Name}\" is not available: `stencil run` supplies only the spectest module");
            Func function;
            try
            {
                var instance = module.Instantiate(store, imports);
                function = instance.Exports.GetValueOrDefault(export) as Func
                    ?? throw Input(WasmRuntimeDiagnosticCodes.UnknownExport, name, $"the module exports no function named \"{export}\"");
                var arguments = ParseArguments(function.Type, texts, export);
                foreach (var result in function.Invoke(arguments)) console.Out.WriteLine(result.ToString());
            }
            catch (WasmLinkException e)
            {
                throw Input(WasmRuntimeDiagnosticCodes.Unlinkable, name, e.Message);
            }
            catch (WasmTrapException e)
            {
                console.Error.WriteLine($"trap: {e.Message}");
                return CliExitCodes.InputError;
            }
        }
        return CliExitCodes.Success;
    }

    private static WasmValue[] ParseArguments(FuncType type, string[] texts, string export)
    {
        if (texts.Length != type.Params.Length)
            throw CliException.Usage(BuildDiagnosticCodes.InvalidParameter, $"\"{export}\" takes {type.Params.Length} arguments ({type}), not {texts.Length}");
        var values = new WasmValue[texts.Length];
        for (int i = 0; i < texts.Length; i++)
            values[i] = TryParse(type.Params[i], texts[i]) ?? throw CliException.Usage(BuildDiagnosticCodes.InvalidParameter,
                $"argument {i + 1} of \"{export}\" must be an {type.Params[i].Name()}, not '{texts[i]}'");
        return values;
    }

    /// <summary>Integers in decimal (either signedness) or 0x hex; floats as decimal, <c>nan</c>, <c>inf</c>, <c>-inf</c>.</summary>
    private static WasmValue? TryParse(ValType type, string text)
    {
        var c = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ValType.I32:
                if (TryInteger(text, out var i32) && i32 >= int.MinValue && i32 <= uint.MaxValue) return WasmValue.I32((int)(uint)(i32 & uint.MaxValue));
                return null;
            case ValType.I64:
                if (TryInteger(text, out var i64) && i64 >= long.MinValue && i64 <= ulong.MaxValue) return WasmValue.I64((long)(ulong)(i64 & ulong.MaxValue));
                return null;
            case ValType.F32:
                return TryFloat(text, out var f) ? WasmValue.F32((float)f) : null;
            case ValType.F64:
                return TryFloat(text, out var d) ? WasmValue.F64(d) : null;
            default:
                return null;
        }

        bool TryInteger(string s, out Int128 value)
        {
            if (!s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return Int128.TryParse(s, NumberStyles.AllowLeadingSign, c, out value);
            bool ok = ulong.TryParse(s[2..], NumberStyles.AllowHexSpecifier, c, out var hex);
            value = hex;
            return ok;
        }

        bool TryFloat(string s, out double value)
        {
            value = s switch { "nan" => double.NaN, "inf" or "+inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => 0 };
            return s is "nan" or "inf" or "+inf" or "-inf" || double.TryParse(s, NumberStyles.Float, c, out value);
        }
    }

    private static DiagnosticException Input(string code, string file, string message) => new(Diagnostic.Error(code, message, file));
}
