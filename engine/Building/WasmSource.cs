using System.Runtime.CompilerServices;
using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Wasm;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Translation;

namespace Stencil.Engine.Building;

/// <summary>
/// A WebAssembly module as a build source: decoded, validated and translated (<see cref="ModuleTranslator"/>) into one IR
/// function per wasm function plus the ABI's trampolines, named after the module (<see cref="WasmModuleNames"/>). From
/// there a module is like any source: each function one stencil, keyed, cached and deduplicated, so editing one
/// function recompiles one; a module the build manifest remembers byte for byte is not even decoded.
/// </summary>
internal static class WasmSource
{
    // One translation per file per build, shared by every remembered function whose code the cache could not supply.
    private static readonly ConditionalWeakTable<SourceFile, TranslatedModule> Translations = new();

    public static bool IsWasmPath(string path) => path.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase);

    /// <summary>The module's functions, or none and its diagnostic (STN5xxx for a bad module, STN9001 for a translator bug).</summary>
    public static (List<ModuleFunction>, List<Diagnostic>) Read(SourceFile file)
    {
        TranslatedModule translated;
        try
        {
            translated = Translate(file);
        }
        catch (DiagnosticException e)
        {
            return ([], [e.Diagnostic.File is null ? e.Diagnostic with { File = file.Path } : e.Diagnostic]);
        }
        catch (WasmTranslationException e)
        {
            var name = e.Kind == TranslatedKind.Function ? new WasmSymbols(WasmModuleNames.FromPath(file.Path)).Function(e.Index) : WasmModuleNames.FromPath(file.Path);
            return ([], [InternalErrors.InFunction(e.InnerException ?? e, name, file.Path, 0, 0)]);
        }
        return (translated.Functions.Select(f => new ModuleFunction(f.Function, file.Path)).ToList(), []);
    }

    /// <summary>
    /// Function <paramref name="index"/> of a module the manifest remembers, when its code is needed after all. The bytes
    /// are the ones the manifest was made from, which translated cleanly then; anything else means the manifest was wrong.
    /// </summary>
    public static Ir.Function ReadAgain(SourceFile file, int index)
    {
        TranslatedModule translated;
        try
        {
            translated = Translate(file);
        }
        catch (DiagnosticException e)
        {
            throw new StaleManifestException($"the build manifest remembers this module as read before, but it does not load: {e.Diagnostic.Message}", file.Path);
        }
        if (index >= translated.Functions.Count)
            throw new StaleManifestException($"the build manifest remembers {index + 1} or more functions in this module but it has {translated.Functions.Count}", file.Path);
        return translated.Functions[index].Function;
    }

    private static TranslatedModule Translate(SourceFile file) =>
        Translations.GetValue(file, f => ModuleTranslator.Translate(WasmLoader.Load(f.Bytes, f.Path), WasmModuleNames.FromPath(f.Path)));
}
