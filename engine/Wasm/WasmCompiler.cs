using System.Diagnostics;
using System.Security.Cryptography;
using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Isa;
using Stencil.Wasm.Translation;

namespace Stencil.Engine.Wasm;

/// <summary>
/// Compiles a WebAssembly module through the ordinary pipeline: translation (<see cref="ModuleTranslator"/>), then
/// <see cref="ParallelModuleCompiler"/> over the IR functions (one stencil per wasm function: keyed, deduplicated,
/// cached, compiled in parallel) and <see cref="Finalizer"/>. <see cref="CompileObject"/> makes the relocatable object;
/// <see cref="WasmJitCompiler"/> the in-process code.
/// <para>
/// With a cache, the module's functions are remembered by translation digest in a <see cref="BuildManifest"/> of their
/// own (one per module name and key context, like a project's), so a rebuild translates only the functions that are
/// new and takes the others' keys from there (<see cref="WasmSource.Load"/>).
/// </para>
/// </summary>
public static class WasmCompiler
{
    /// <summary>Decodes, validates and translates <paramref name="bytes"/> (STN5xxx as a <see cref="DiagnosticException"/>),
    /// then compiles. A translator bug is an internal error (STN9001) naming the function.</summary>
    public static WasmCompilation Compile(byte[] bytes, string file, string moduleName, WasmCompileOptions options)
    {
        var clock = Stopwatch.StartNew();
        var trace = CompileTrace.FromEnvironment(moduleName, options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount);
        var compiler = Compiler(options, trace);
        var diagnostics = new List<Diagnostic>();
        var cache = options.VerifyCacheHits ? null : options.Cache;
        var manifestId = BuildManifest.IdFor(ManifestPrefix + moduleName, compiler.KeyContext);
        var (manifest, manifestBytes) = ProjectBuilder.LoadManifest(cache, manifestId, diagnostics);
        trace?.Mark("manifest");
        TranslatedModule module;
        ModuleFunction[] functions;
        try
        {
            (module, functions) = WasmSource.Load(bytes, file, moduleName, manifest, options.MaxDegreeOfParallelism, trace);
        }
        catch (Exception e) when (WasmSource.TranslationBug(e) is { } t)
        {
            var decoded = Stencil.Wasm.Binary.ModuleDecoder.Decode(bytes, file);
            return new WasmCompilation(new TranslatedModule(decoded, new(moduleName), new(decoded), []), [], [], default, [.. diagnostics, InternalErrors.InFunction(t.InnerException ?? t, WasmSource.NameOf(t, moduleName), file, 0, 0)],
                clock.ElapsedMilliseconds);
        }
        var compilation = Compile(module, functions, compiler, diagnostics, clock);
        if (compilation.Succeeded && options.Cache is not null)
        {
            var learned = new ManifestFunction[functions.Length];
            for (int i = 0; i < learned.Length; i++) learned[i] = new ManifestFunction(functions[i].ChunkDigest, compilation.Keys[i], 0, 0, functions[i].Params);
            var next = new BuildManifest([new ManifestSource(file, new CacheKey(SHA256.HashData(bytes)), learned)]);
            // This version and the one before: reverting an edit finds its functions remembered.
            ProjectBuilder.StoreManifest(options.Cache, manifestId, manifest, manifestBytes, next, diagnostics, maxSources: 2);
        }
        trace?.Mark("learn manifest");
        return compilation with { Diagnostics = diagnostics, ElapsedMs = clock.ElapsedMilliseconds, Trace = trace };
    }

    public static WasmCompilation Compile(TranslatedModule module, WasmCompileOptions options)
    {
        var clock = Stopwatch.StartNew();
        var functions = module.Functions.Select(f => new ModuleFunction(f.Function, module.Module.File)).ToArray();
        var diagnostics = new List<Diagnostic>();
        return Compile(module, functions, Compiler(options, null), diagnostics, clock) with { Diagnostics = diagnostics };
    }

    // Keeps a module's manifest apart from a project's of the same name (no MSBuild project name holds a colon).
    private const string ManifestPrefix = "wasm:";

    private static ParallelModuleCompiler Compiler(WasmCompileOptions options, CompileTrace? trace) =>
        new(IsaRegistry.Lookup(options.Triple, options.Flags), options.Cache, options.MaxDegreeOfParallelism) { VerifyCacheHits = options.VerifyCacheHits, Trace = trace };

    /// <param name="diagnostics">Receives the compiler's diagnostics after those already in it.</param>
    private static WasmCompilation Compile(TranslatedModule module, ModuleFunction[] functions, ParallelModuleCompiler compiler, List<Diagnostic> diagnostics, Stopwatch clock)
    {
        var result = compiler.Compile(functions);
        diagnostics.AddRange(result.Diagnostics);
        // Translated up front, or by the compiler when it needed the IR.
        int translated = module.Functions.Count(f => !f.IsDeferred) + functions.Count(f => f.WasRead);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || result.Code.Any(c => c is null))
            return new WasmCompilation(module, [], result.Keys, result.Stats, diagnostics, clock.ElapsedMilliseconds) { Translated = translated };
        var code = new CompiledCode[functions.Length];
        compiler.Trace?.Mark("results");
        Parallel.For(0, code.Length, new ParallelOptions { MaxDegreeOfParallelism = compiler.DegreeOfParallelism },
            i => code[i] = Finalizer.Finalize(result.Code[i]!, functions[i].Params));
        compiler.Trace?.Mark("finalize", TraceStage.Parallel);
        return new WasmCompilation(module, code, result.Keys, result.Stats, diagnostics, clock.ElapsedMilliseconds) { Translated = translated };
    }

    /// <summary>The object of a compiled module (every function exported under its symbol), or null with a diagnostic added.</summary>
    /// <remarks>When the compile was traced, the object is its last stage and the trace is written here.</remarks>
    public static byte[]? CompileObject(WasmCompilation compilation, List<Diagnostic> diagnostics)
    {
        var trace = compilation.Trace;
        trace?.Mark("until object");
        var bytes = compilation.Succeeded ? ObjectAssembler.Assemble(compilation.Code, diagnostics) : null;
        trace?.Mark("object");
        trace?.Write();
        return bytes;
    }
}
