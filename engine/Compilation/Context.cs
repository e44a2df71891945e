using Stencil.Ir;
using Stencil.Isa;

namespace Stencil.Engine.Compilation;

/// <summary>
/// Compiles one stencil at a time: dead-code elimination (the same analysis the cache key uses, so
/// equal keys give equal code), then the target's lowering, register allocation and emission.
/// One context per thread; it holds no state between functions.
/// </summary>
public sealed class Context(TargetIsa isa)
{
    public TargetIsa Isa { get; } = isa;

    /// <summary>Compiles <paramref name="stencil"/>, removing its dead code in place first.</summary>
    /// <exception cref="Stencil.Ir.Diagnostics.DiagnosticException">The backend does not support something the function uses (STN3xxx).</exception>
    public CompiledCodeStencil Compile(FunctionStencil stencil)
    {
        DeadCodeElimination.Run(stencil);
        return CompiledCodeStencil.FromMachine(Isa.Compile(stencil));
    }
}
