using Stencil.Ir;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Translation;

/// <summary>What every function of one module is translated against: the module, its instance layout and its symbol
/// names, plus the IR signature of each type (built once, cloned into each function that uses it).</summary>
internal sealed class ModuleEnvironment
{
    private readonly Signature[] _typeSignatures;
    private readonly IrType[][] _typeParams;
    private readonly IrType[][] _typeResults;

    public ModuleEnvironment(WasmModule module, string moduleName)
    {
        Module = module;
        Offsets = new VmOffsets(module);
        Symbols = new WasmSymbols(moduleName);
        _typeSignatures = module.Types.Select(WasmSignatures.Function).ToArray();
        _typeParams = module.Types.Select(t => Array.ConvertAll(t.Params, WasmSignatures.IrTypeOf)).ToArray();
        _typeResults = module.Types.Select(t => Array.ConvertAll(t.Results, WasmSignatures.IrTypeOf)).ToArray();
    }

    public WasmModule Module { get; }
    public VmOffsets Offsets { get; }
    public WasmSymbols Symbols { get; }

    public FuncType FunctionType(uint funcIndex) => Module.Types[(int)Module.FunctionTypeIndex(funcIndex)];

    public Signature TypeSignature(uint typeIndex) => _typeSignatures[typeIndex].Clone();

    /// <summary>The IR types of a type's parameters (vmctx not included), shared: every block of that type reads them,
    /// and none writes.</summary>
    public IrType[] TypeParams(uint typeIndex) => _typeParams[typeIndex];

    /// <summary>The IR types of a type's results, shared like <see cref="TypeParams"/>.</summary>
    public IrType[] TypeResults(uint typeIndex) => _typeResults[typeIndex];

    public bool IsImportedFunction(uint funcIndex) => funcIndex < Module.ImportedFunctionCount;
}
