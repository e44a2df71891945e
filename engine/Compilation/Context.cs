using Stencil.Ir;
using Stencil.Ir.Optimization;
using Stencil.Isa;

namespace Stencil.Engine.Compilation;

/// <summary>
/// Compiles one stencil at a time: dead-code elimination (the same analysis the cache key uses, so
/// equal keys give equal code), the mid-end (<see cref="Optimizer"/>) unless <c>opt_level=none</c>, then the
/// target's lowering, register allocation and emission.
/// One context per thread; it holds no state between functions.
/// </summary>
public sealed class Context(TargetIsa isa)
{
    public TargetIsa Isa { get; } = isa;

    /// <summary>Compiles <paramref name="stencil"/>, optimizing it in place first (dead code always; the mid-end at <c>speed</c> levels).</summary>
    /// <exception cref="Stencil.Ir.Diagnostics.DiagnosticException">The backend does not support something the function uses (STN3xxx).</exception>
    public CompiledCodeStencil Compile(FunctionStencil stencil)
    {
        Optimize(stencil);
        return CompiledCodeStencil.FromMachine(Isa.Compile(stencil));
    }

    /// <summary>
    /// <see cref="Compile(FunctionStencil)"/> for the function named <paramref name="symbolName"/>: the point where tests
    /// play a bug in the compiler (<see cref="Building.FaultInjection"/>), for every front end that compiles functions.
    /// </summary>
    public CompiledCodeStencil Compile(FunctionStencil stencil, string symbolName)
    {
        Building.FaultInjection.At(Building.FaultInjection.CompilePrefix, symbolName);
        return Compile(stencil);
    }

    /// <summary>The IR half of <see cref="Compile"/>, in place: what <c>test optimize</c> prints.</summary>
    public OptimizationStats Optimize(FunctionStencil stencil)
    {
        DeadCodeElimination.Run(stencil);
        return Isa.Flags.OptLevel != OptLevel.None ? Optimizer.Run(stencil, deadCodeRemoved: true) : new OptimizationStats();
    }
}
