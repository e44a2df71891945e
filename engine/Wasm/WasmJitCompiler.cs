using Stencil.Engine.Jit;
using Stencil.Engine.Module;
using Stencil.Ir.Diagnostics;
using Stencil.Isa;
using Stencil.Wasm.Translation;

namespace Stencil.Engine.Wasm;

/// <summary>Compiles a translated module into executable memory of this process.</summary>
public static class WasmJitCompiler
{
    /// <exception cref="WasmCompileException">A function did not compile (its diagnostics are attached), or the
    /// options name a target other than this machine's (s390x code is for objects, not for this process).</exception>
    public static WasmJitModule Compile(TranslatedModule module, WasmCompileOptions? options = null)
    {
        options ??= new WasmCompileOptions();
        if (options.Triple.Architecture != Architecture.X86_64)
            throw new WasmCompileException([Diagnostic.Error(IsaDiagnostics.UnsupportedTarget,
                $"the JIT runs x86-64 code in this process; `{options.Triple}` code can only be compiled to an object")]);
        return Load(WasmCompiler.Compile(module, options));
    }

    /// <summary>Places an existing compilation (e.g. one made through a cache) in executable memory.</summary>
    /// <exception cref="WasmCompileException">The compilation failed, or its code does not link.</exception>
    public static WasmJitModule Load(WasmCompilation compilation)
    {
        if (!compilation.Succeeded) throw new WasmCompileException(compilation.Diagnostics);
        var jit = new JitModule();
        try
        {
            foreach (var code in compilation.Code) jit.DefineCompiledCode(code, Linkage.Export);
            jit.FinalizeDefinitions();
        }
        catch (ModuleException e)
        {
            jit.Dispose();
            throw new WasmCompileException([e.Diagnostic]);
        }
        catch
        {
            jit.Dispose();
            throw;
        }
        return new WasmJitModule(jit, compilation);
    }
}
