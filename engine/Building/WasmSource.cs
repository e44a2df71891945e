using System.Runtime.CompilerServices;
using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Binary;
using Stencil.Wasm.Translation;
using Stencil.Wasm.Validation;

namespace Stencil.Engine.Building;

/// <summary>
/// A WebAssembly module as a build source: decoded, validated and translated (<see cref="ModuleTranslator"/>) into one IR
/// function per wasm function plus the ABI's trampolines, named after the module (<see cref="WasmModuleNames"/>). From
/// there a module is like any source: each function one stencil, keyed, cached and deduplicated. A module the build
/// manifest remembers byte for byte is not even decoded; in an edited module, a function whose
/// <see cref="TranslationDigests">translation digest</see> the manifest remembers is neither validated nor translated
/// (its key is remembered, its IR made only if the cache lacks its code), so editing one function translates and
/// compiles that one.
/// </summary>
internal static class WasmSource
{
    // One deferred translation per remembered file per build, shared by every function whose code the cache could not supply.
    private static readonly ConditionalWeakTable<SourceFile, TranslatedModule> Deferred = new();

    public static bool IsWasmPath(string path) => path.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase);

    /// <summary>The module's functions, or none and its diagnostic (STN5xxx for a bad module, STN9001 for a translator bug).</summary>
    public static (List<ModuleFunction>, List<Diagnostic>) Read(SourceFile file, BuildManifest? manifest, int maxDegreeOfParallelism)
    {
        var moduleName = WasmModuleNames.FromPath(file.Path);
        try
        {
            return ([.. Load(file.Bytes, file.Path, moduleName, manifest, maxDegreeOfParallelism).Functions], []);
        }
        catch (DiagnosticException e)
        {
            return ([], [e.Diagnostic.File is null ? e.Diagnostic with { File = file.Path } : e.Diagnostic]);
        }
        catch (Exception e) when (TranslationBug(e) is { } t)
        {
            return ([], [InternalErrors.InFunction(t.InnerException ?? t, NameOf(t, moduleName), file.Path, 0, 0)]);
        }
    }

    /// <summary>
    /// Decodes and validates a module and gives its functions in <see cref="ModuleTranslator.Layout"/> order, each with its
    /// translation digest as <see cref="ModuleFunction.ChunkDigest"/>, translated when their IR is asked for. Those
    /// <paramref name="manifest"/> remembers by that digest come with their remembered key and parameters, and their
    /// bodies are not validated again.
    /// </summary>
    /// <exception cref="DiagnosticException">The module is malformed or invalid (STN5xxx).</exception>
    /// <param name="maxDegreeOfParallelism">For decoding and validating bodies; 0: one worker per processor.</param>
    /// <param name="trace">Receives the stages (decode, digests, validate, layout), when tracing.</param>
    public static (TranslatedModule Module, ModuleFunction[] Functions) Load(byte[] bytes, string file, string moduleName, BuildManifest? manifest,
        int maxDegreeOfParallelism = 0, CompileTrace? trace = null)
    {
        var module = ModuleDecoder.Decode(bytes, file, maxDegreeOfParallelism);
        trace?.Mark("decode", TraceStage.Parallel);
        var digests = TranslationDigests.Compute(module, moduleName);
        var remembered = new ManifestFunction?[digests.Length];
        if (manifest is not null)
            for (int i = 0; i < digests.Length; i++)
                if (manifest.TryFindChunk(digests[i], out var known)) remembered[i] = known;
        // Layout entry i is defined function i for every body; a remembered body was valid under these very module bytes.
        trace?.Mark("digests");
        ModuleValidator.Validate(module, i => remembered[i] is null, maxDegreeOfParallelism);
        trace?.Mark("validate", TraceStage.Parallel);
        // Nothing is translated here: the compiler translates each function when it gets to it and lets go of its IR
        // after compiling it, so a module's IR is never held whole.
        var translated = ModuleTranslator.Translate(module, moduleName, translateNow: _ => false);
        var functions = new ModuleFunction[digests.Length];
        for (int i = 0; i < functions.Length; i++)
        {
            var t = translated.Functions[i];
            functions[i] = remembered[i] is { } r
                ? new ModuleFunction(r.Key, r.Params, () => t.Function, file) { ChunkDigest = digests[i] }
                : new ModuleFunction(t.Symbol, () => t.Function, file) { ChunkDigest = digests[i] };
        }
        trace?.Mark("layout");
        return (translated, functions);
    }

    /// <summary>
    /// Function <paramref name="index"/> of a module the manifest remembers, when its code is needed after all: that one
    /// function is translated. The bytes are the ones the manifest was made from (the file's digest says so), which
    /// validated and translated cleanly then; anything else means the manifest was wrong.
    /// </summary>
    public static Ir.Function ReadAgain(SourceFile file, int index)
    {
        TranslatedModule translated;
        try
        {
            translated = Deferred.GetValue(file, f => ModuleTranslator.Translate(ModuleDecoder.Decode(f.Bytes, f.Path), WasmModuleNames.FromPath(f.Path), translateNow: _ => false));
        }
        catch (DiagnosticException e)
        {
            throw new StaleManifestException($"the build manifest remembers this module as read before, but it does not load: {e.Diagnostic.Message}", file.Path);
        }
        if (index >= translated.Functions.Count)
            throw new StaleManifestException($"the build manifest remembers {index + 1} or more functions in this module but it has {translated.Functions.Count}", file.Path);
        return translated.Functions[index].Function;
    }

    /// <summary>The translator bug behind <paramref name="e"/>, if that is what it is (parallel translation wraps it).</summary>
    public static WasmTranslationException? TranslationBug(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a) e = a.InnerExceptions[0];
        return e as WasmTranslationException;
    }

    /// <summary>What an internal error in translation is reported at: the function's symbol, else the module's name.</summary>
    public static string NameOf(WasmTranslationException t, string moduleName) =>
        t.Kind == TranslatedKind.Function ? new WasmSymbols(moduleName).Function(t.Index) : $"{moduleName} ({t.Message})";
}
