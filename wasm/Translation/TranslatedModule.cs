using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Translation;

/// <summary>A module in IR: its defined functions in index order, then one array trampoline per type, then one
/// trampoline per imported function; all named by <see cref="Symbols"/>.</summary>
public sealed record TranslatedModule(WasmModule Module, WasmSymbols Symbols, VmOffsets Offsets, IReadOnlyList<TranslatedFunction> Functions);
