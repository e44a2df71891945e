using Stencil.Ir;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Translation;

/// <summary>What every function of one module is translated against: the module, its instance layout and its symbol
/// names, plus the IR signature of each type (built once, cloned into each function that uses it).</summary>
internal sealed class ModuleEnvironment
{
    private readonly Signature[] _typeSignatures;

    public ModuleEnvironment(WasmModule module, string moduleName)
    {
        Module = module;
        Offsets = new VmOffsets(module);
        Symbols = new WasmSymbols(moduleName);
        _typeSignatures = module.Types.Select(WasmSignatures.Function).ToArray();
    }

    public WasmModule Module { get; }
    public VmOffsets Offsets { get; }
    public WasmSymbols Symbols { get; }

    public FuncType FunctionType(uint funcIndex) => Module.Types[(int)Module.FunctionTypeIndex(funcIndex)];

    public Signature TypeSignature(uint typeIndex) => _typeSignatures[typeIndex].Clone();

    public bool IsImportedFunction(uint funcIndex) => funcIndex < Module.ImportedFunctionCount;
}
