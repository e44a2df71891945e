using Stencil.Engine.Compilation;
using Stencil.Engine.Jit;
using Stencil.Engine.Module;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Benchmarks;

/// <summary>CLIF functions compiled at one opt level into their own JIT module; remembers each function's code size.</summary>
public sealed unsafe class CompiledKernel : IDisposable
{
    private readonly JitModule _module = new();
    private readonly Dictionary<string, FuncId> _ids = [];

    public CompiledKernel(string clif, OptLevel level)
    {
        var context = new Context(IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default with { OptLevel = level }));
        Trampolines = new JitTrampolines(_module, context);
        foreach (var f in ClifReader.ParseFunctions(clif, "kernel.clif"))
        {
            var code = context.Compile(f.Stencil);
            CodeBytes += code.Code.Length;
            _ids[f.Name.SymbolName] = _module.DefineCompiledCode(Finalizer.Finalize(code, f.Params), Linkage.Export);
            Signatures[f.Name.SymbolName] = Trampolines.GetOrDefine(f.Signature);
        }
        _module.FinalizeDefinitions();
    }

    public int CodeBytes { get; }
    public JitTrampolines Trampolines { get; }
    public Dictionary<string, FuncId> Signatures { get; } = [];
    public IReadOnlyCollection<string> Names => _ids.Keys;

    public nint Pointer(string name) => _module.GetFunctionPointer(_ids[name]);
    public nint Trampoline(string name) => _module.GetFunctionPointer(Signatures[name]);

    /// <summary>Calls a kernel of the <c>(i64, i64, i64, i64) -&gt; i64</c> shape directly.</summary>
    public long Call(nint function, long[] args) =>
        ((delegate* unmanaged<long, long, long, long, long>)function)(args[0], args[1], args[2], args[3]);

    public void Dispose() => _module.Dispose();
}
