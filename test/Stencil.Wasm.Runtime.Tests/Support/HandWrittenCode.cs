using Stencil.Engine.Compilation;
using Stencil.Engine.Jit;
using Stencil.Engine.Module;
using Stencil.Ir.Text;
using Stencil.Isa;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime.Tests.Support;

/// <summary>
/// A module whose structure comes from WAT (through wabt's <c>wat2wasm</c>) and whose code is CLIF written by hand
/// to the instance ABI, JIT-compiled: the runtime's half of the ABI tested without the translator.
/// </summary>
internal sealed class HandWrittenCode : IDisposable
{
    private readonly JitModule _jit = new();
    private readonly Dictionary<string, FuncId> _ids = [];

    public HandWrittenCode(string wat, string moduleName, params string[] clifFunctions)
    {
        Module = WasmLoader.Load(Wat.Assemble(wat), moduleName + ".wasm");
        Offsets = new VmOffsets(Module);
        Symbols = new WasmSymbols(moduleName);
        var context = new Context(IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default));
        foreach (var text in clifFunctions)
        {
            var function = ClifReader.ParseFunction(text);
            var code = Finalizer.Finalize(context.Compile(function.Stencil), function.Params);
            _ids[code.SymbolName] = _jit.DefineCompiledCode(code, Linkage.Export);
        }
        _jit.FinalizeDefinitions();
        Code = new ModuleCode(Symbols, symbol => _ids.TryGetValue(symbol, out var id) ? _jit.GetFunctionPointer(id) : 0);
    }

    public WasmModule Module { get; }
    public VmOffsets Offsets { get; }
    public WasmSymbols Symbols { get; }
    public ModuleCode Code { get; }

    public Instance Instantiate(Store store, Imports? imports = null) => Instance.Instantiate(store, Module, Code, imports ?? new Imports());

    public void Dispose() => _jit.Dispose();
}
