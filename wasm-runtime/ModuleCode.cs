using Stencil.Wasm.Abi;

namespace Stencil.Wasm.Runtime;

/// <summary>
/// Where a module's generated code is: its symbol names and a resolver from a symbol to its address (a JIT module's
/// table in tests and the CLI; a shared library opened with <c>NativeLibrary</c> in an app). A missing symbol
/// resolves to 0.
/// </summary>
public sealed class ModuleCode(WasmSymbols symbols, Func<string, nint> resolve)
{
    public WasmSymbols Symbols { get; } = symbols;

    public nint Address(string symbol) => resolve(symbol);

    /// <summary>The address of <paramref name="symbol"/>; throws when the code does not define it.</summary>
    public nint Require(string symbol)
    {
        var address = resolve(symbol);
        return address != 0 ? address : throw new InvalidOperationException($"the module's code has no symbol {symbol}");
    }
}
