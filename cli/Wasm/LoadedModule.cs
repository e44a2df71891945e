using Stencil.Engine.Wasm;
using Stencil.Wasm;
using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime;
using Stencil.Wasm.Translation;

namespace Stencil.Cli.Wasm;

/// <summary>A wasm module decoded, validated, translated and compiled into this process: what <c>run</c> and
/// <c>wast</c> instantiate. Disposing unmaps the code (after every instance of it is gone with its store).</summary>
public sealed class LoadedModule : IDisposable
{
    private readonly WasmJitModule _jit;

    private LoadedModule(WasmModule module, WasmJitModule jit)
    {
        Module = module;
        _jit = jit;
        Code = new ModuleCode(jit.Module.Symbols, symbol => jit.TryGetAddress(symbol, out var address) ? address : 0);
    }

    public WasmModule Module { get; }
    public ModuleCode Code { get; }

    /// <summary>Throws <see cref="Ir.Diagnostics.DiagnosticException"/> (STN5xxx) for a module that does not load,
    /// <see cref="WasmCompileException"/> for one that does not compile.</summary>
    public static LoadedModule Load(byte[] bytes, string file, string symbolName, WasmCompileOptions? options = null)
    {
        var module = WasmLoader.Load(bytes, file);
        var translated = ModuleTranslator.Translate(module, symbolName, options?.MaxDegreeOfParallelism ?? 0);
        return new LoadedModule(module, WasmJitCompiler.Compile(translated, options));
    }

    public Instance Instantiate(Store store, Imports imports) => Instance.Instantiate(store, Module, Code, imports);

    public void Dispose() => _jit.Dispose();
}
