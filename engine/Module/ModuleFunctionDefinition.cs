using Stencil.Engine.Compilation;
using Stencil.Ir;

namespace Stencil.Engine.Module;

/// <summary>Cranelift's <c>define_function</c>: compile a function and define it, as a thin wrapper over the
/// one definition path (<see cref="IModule.DefineFunctionBytes"/>) that cached code takes too.</summary>
public static class ModuleFunctionDefinition
{
    /// <summary>Compiles <paramref name="function"/> with <paramref name="context"/>, applies its parameters and
    /// defines it under its own symbol. The function's stencil loses its dead code (see <see cref="Context.Compile"/>).</summary>
    public static FuncId DefineFunction(this IModule module, Function function, Context context, Linkage linkage = Linkage.Export)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(context);
        var code = Finalizer.Finalize(context.Compile(function.Stencil), function.Params);
        return module.DefineCompiledCode(code, linkage);
    }
}
