using Stencil.Ir;
using Stencil.Ir.Frontend;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Translation;

/// <summary>
/// Turns a validated <see cref="WasmModule"/> into IR functions, one per defined wasm function (so each is one stencil:
/// the cache, deduplication and parallel compilation apply to them unchanged) plus the trampolines the runtime
/// needs. Functions are translated in parallel, each into its own slot, so the result does not depend on scheduling.
/// </summary>
public static class ModuleTranslator
{
    /// <summary>
    /// What a translated module holds, in order: its defined functions in index order, then an array trampoline per
    /// type, then a host trampoline per imported function. <see cref="TranslatedModule.Functions"/> and
    /// <see cref="TranslationDigests.Compute"/> follow it.
    /// </summary>
    public static (TranslatedKind Kind, uint Index)[] Layout(WasmModule module)
    {
        var jobs = new (TranslatedKind, uint)[module.FunctionTypeIndices.Count + module.Types.Count + module.ImportedFunctionCount];
        int next = 0;
        for (int i = 0; i < module.FunctionTypeIndices.Count; i++) jobs[next++] = (TranslatedKind.Function, (uint)(module.ImportedFunctionCount + i));
        for (int t = 0; t < module.Types.Count; t++) jobs[next++] = (TranslatedKind.ArrayTrampoline, (uint)t);
        for (int i = 0; i < module.ImportedFunctionCount; i++) jobs[next++] = (TranslatedKind.HostTrampoline, (uint)i);
        return jobs;
    }

    /// <param name="moduleName">Names the symbols (<see cref="Abi.WasmSymbols"/>); two modules in one object need different names.</param>
    /// <param name="translateNow">
    /// Which entries of <see cref="Layout"/> to translate now (all when null); the others are translated whenever their
    /// <see cref="TranslatedFunction.Function"/> is asked for: never by a build whose cache has their code, one batch at
    /// a time by the compiler otherwise.
    /// </param>
    /// <exception cref="WasmTranslationException">A bug of the translator, naming the function it failed on.</exception>
    public static TranslatedModule Translate(WasmModule module, string moduleName, int maxDegreeOfParallelism = 0, Predicate<int>? translateNow = null)
    {
        var env = new ModuleEnvironment(module, moduleName);
        var jobs = Layout(module);
        var functions = new TranslatedFunction[jobs.Length];
        var now = new List<int>(jobs.Length);
        for (int i = 0; i < jobs.Length; i++)
        {
            if (translateNow is null || translateNow(i)) { now.Add(i); continue; }
            var (kind, index) = jobs[i];
            functions[i] = new TranslatedFunction(kind, index, SymbolOf(env, kind, index), () => TranslateDeferred(env, kind, index));
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount };
        Parallel.For(0, now.Count, options, () => new FunctionBuilderContext(), (j, _, context) =>
        {
            var (kind, index) = jobs[now[j]];
            functions[now[j]] = new TranslatedFunction(kind, index, TranslateOne(env, kind, index, context));
            return context;
        }, _ => { });
        return new TranslatedModule(module, env.Symbols, env.Offsets, functions);
    }

    /// <summary>Translates defined function <paramref name="funcIndex"/> alone (e.g. for <c>wasm2clif --function</c>).</summary>
    public static TranslatedFunction TranslateFunction(WasmModule module, string moduleName, uint funcIndex)
    {
        var env = new ModuleEnvironment(module, moduleName);
        if (funcIndex < module.ImportedFunctionCount || funcIndex >= module.FunctionCount)
            throw new ArgumentOutOfRangeException(nameof(funcIndex), funcIndex, "not a defined function");
        return new TranslatedFunction(TranslatedKind.Function, funcIndex, TranslateOne(env, TranslatedKind.Function, funcIndex, new FunctionBuilderContext()));
    }

    // Deferred functions are translated on whatever thread asks; each thread keeps its builder's scratch space.
    [ThreadStatic] private static FunctionBuilderContext? t_context;

    private static Function TranslateDeferred(ModuleEnvironment env, TranslatedKind kind, uint index)
    {
        var context = t_context ?? new FunctionBuilderContext();
        t_context = null; // not shared with a nested translation, nor kept after a failure
        var function = TranslateOne(env, kind, index, context);
        t_context = context;
        return function;
    }

    private static Function TranslateOne(ModuleEnvironment env, TranslatedKind kind, uint index, FunctionBuilderContext context)
    {
        try
        {
            return kind switch
            {
                TranslatedKind.Function => FunctionTranslator.Translate(env, index, context),
                TranslatedKind.ArrayTrampoline => TrampolineBuilder.Array(env, index, context),
                _ => TrampolineBuilder.Host(env, index, context),
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WasmTranslationException(kind, index, env.Module.File, e);
        }
    }

    private static string SymbolOf(ModuleEnvironment env, TranslatedKind kind, uint index) => kind switch
    {
        TranslatedKind.Function => env.Symbols.Function(index),
        TranslatedKind.ArrayTrampoline => env.Symbols.ArrayTrampoline(index),
        _ => env.Symbols.HostTrampoline(index),
    };
}
