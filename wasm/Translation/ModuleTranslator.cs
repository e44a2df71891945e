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
    /// <param name="moduleName">Names the symbols (<see cref="Abi.WasmSymbols"/>); two modules in one object need different names.</param>
    /// <exception cref="WasmTranslationException">A bug of the translator, naming the function it failed on.</exception>
    public static TranslatedModule Translate(WasmModule module, string moduleName, int maxDegreeOfParallelism = 0)
    {
        var env = new ModuleEnvironment(module, moduleName);
        var jobs = new List<(TranslatedKind Kind, uint Index)>();
        for (int i = 0; i < module.FunctionTypeIndices.Count; i++) jobs.Add((TranslatedKind.Function, (uint)(module.ImportedFunctionCount + i)));
        for (int t = 0; t < module.Types.Count; t++) jobs.Add((TranslatedKind.ArrayTrampoline, (uint)t));
        for (int i = 0; i < module.ImportedFunctionCount; i++) jobs.Add((TranslatedKind.HostTrampoline, (uint)i));

        var functions = new TranslatedFunction[jobs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount };
        Parallel.For(0, jobs.Count, options, () => new FunctionBuilderContext(), (i, _, context) =>
        {
            var (kind, index) = jobs[i];
            try
            {
                var func = kind switch
                {
                    TranslatedKind.Function => FunctionTranslator.Translate(env, index, context),
                    TranslatedKind.ArrayTrampoline => TrampolineBuilder.Array(env, index, context),
                    _ => TrampolineBuilder.Host(env, index, context),
                };
                functions[i] = new TranslatedFunction(kind, index, func);
                return context;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                functions[i] = null!;
                throw new WasmTranslationException(kind, index, module.File, e);
            }
        }, _ => { });
        return new TranslatedModule(module, env.Symbols, env.Offsets, functions);
    }

    /// <summary>Translates defined function <paramref name="funcIndex"/> alone (e.g. for <c>wasm2clif --function</c>).</summary>
    public static TranslatedFunction TranslateFunction(WasmModule module, string moduleName, uint funcIndex)
    {
        var env = new ModuleEnvironment(module, moduleName);
        if (funcIndex < module.ImportedFunctionCount || funcIndex >= module.FunctionCount)
            throw new ArgumentOutOfRangeException(nameof(funcIndex), funcIndex, "not a defined function");
        try
        {
            return new TranslatedFunction(TranslatedKind.Function, funcIndex, FunctionTranslator.Translate(env, funcIndex, new FunctionBuilderContext()));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WasmTranslationException(TranslatedKind.Function, funcIndex, module.File, e);
        }
    }
}
