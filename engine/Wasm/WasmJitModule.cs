using Stencil.Engine.Jit;
using Stencil.Wasm.Translation;

namespace Stencil.Engine.Wasm;

/// <summary>A module's code in this process: the address of each symbol (<see cref="Stencil.Wasm.Abi.WasmSymbols"/>). Dispose unmaps it.</summary>
public sealed class WasmJitModule(JitModule jit, WasmCompilation compilation) : IDisposable
{
    public WasmCompilation Compilation { get; } = compilation;

    public TranslatedModule Module => Compilation.Module;

    public bool TryGetAddress(string symbol, out nint address)
    {
        address = 0;
        if (!jit.Declarations.TryGetFunction(symbol, out var id)) return false;
        address = jit.GetFunctionPointer(id);
        return true;
    }

    public nint Address(string symbol) =>
        TryGetAddress(symbol, out var address) ? address : throw new KeyNotFoundException($"no function `{symbol}` in this module");

    public void Dispose() => jit.Dispose();
}
