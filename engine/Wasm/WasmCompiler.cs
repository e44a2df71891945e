using System.Diagnostics;
using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Isa;
using Stencil.Wasm;
using Stencil.Wasm.Translation;

namespace Stencil.Engine.Wasm;

/// <summary>
/// Compiles a WebAssembly module through the ordinary pipeline: translation (<see cref="ModuleTranslator"/>), then
/// <see cref="ParallelModuleCompiler"/> over the IR functions (one stencil per wasm function: keyed, deduplicated,
/// cached, compiled in parallel) and <see cref="Finalizer"/>. <see cref="CompileObject"/> makes the relocatable object;
/// <see cref="WasmJitCompiler"/> the in-process code.
/// </summary>
public static class WasmCompiler
{
    /// <summary>Decodes, validates and translates <paramref name="bytes"/> (STN5xxx as a <see cref="DiagnosticException"/>),
    /// then compiles. A translator bug is an internal error (STN9001) naming the function.</summary>
    public static WasmCompilation Compile(byte[] bytes, string file, string moduleName, WasmCompileOptions options)
    {
        var module = WasmLoader.Load(bytes, file);
        var clock = Stopwatch.StartNew();
        TranslatedModule translated;
        try
        {
            translated = ModuleTranslator.Translate(module, moduleName, options.MaxDegreeOfParallelism);
        }
        catch (Exception e) when (Unwrap(e) is WasmTranslationException t)
        {
            var name = t.Kind == TranslatedKind.Function ? new Stencil.Wasm.Abi.WasmSymbols(moduleName).Function(t.Index) : $"{moduleName} ({t.Message})";
            return new WasmCompilation(new TranslatedModule(module, new(moduleName), new(module), []), [], [], default,
                [InternalErrors.InFunction(t.InnerException ?? t, name, file, 0, 0)], clock.ElapsedMilliseconds);
        }
        return Compile(translated, options, clock);
    }

    public static WasmCompilation Compile(TranslatedModule module, WasmCompileOptions options) => Compile(module, options, Stopwatch.StartNew());

    private static WasmCompilation Compile(TranslatedModule module, WasmCompileOptions options, Stopwatch clock)
    {
        var isa = IsaRegistry.Lookup(options.Triple, options.Flags);
        var functions = module.Functions.Select(f => new ModuleFunction(f.Function, module.Module.File)).ToArray();
        var compiler = new ParallelModuleCompiler(isa, options.Cache, options.MaxDegreeOfParallelism) { VerifyCacheHits = options.VerifyCacheHits };
        var result = compiler.Compile(functions);
        var diagnostics = result.Diagnostics.ToList();
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || result.Code.Any(c => c is null))
            return new WasmCompilation(module, [], result.Keys, result.Stats, diagnostics, clock.ElapsedMilliseconds);
        var code = new CompiledCode[functions.Length];
        for (int i = 0; i < code.Length; i++) code[i] = Finalizer.Finalize(result.Code[i]!, functions[i].Params);
        return new WasmCompilation(module, code, result.Keys, result.Stats, diagnostics, clock.ElapsedMilliseconds);
    }

    /// <summary>The object of a compiled module (every function exported under its symbol), or null with a diagnostic added.</summary>
    public static byte[]? CompileObject(WasmCompilation compilation, List<Diagnostic> diagnostics) =>
        compilation.Succeeded ? ObjectAssembler.Assemble(compilation.Code, diagnostics) : null;

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a) e = a.InnerExceptions[0];
        return e;
    }
}
