using Stencil.Ir;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa;

/// <summary>
/// One target's code generator. Implementations are immutable and thread-safe: the engine compiles
/// many stencils in parallel on one instance. <see cref="Compile"/> must be deterministic: the same
/// stencil, triple and flags give byte-identical results.
/// </summary>
public abstract class TargetIsa(TargetTriple triple, IsaFlags flags)
{
    public TargetTriple Triple { get; } = triple;
    public IsaFlags Flags { get; } = flags;

    /// <summary>Short backend name (<c>x64</c>), also stored with cache entries for inspection.</summary>
    public abstract string Name { get; }

    /// <summary>Alignment in bytes the start of every function's code needs.</summary>
    public abstract int FunctionAlignment { get; }

    /// <summary>Lowers, allocates registers and emits <paramref name="stencil"/>; the stencil is not modified.</summary>
    /// <exception cref="Stencil.Ir.Diagnostics.DiagnosticException">STN3xxx: the function uses something this backend does not support.</exception>
    public abstract CompiledFunction Compile(FunctionStencil stencil);

    /// <summary>Human-readable assembly of <paramref name="code"/>, one instruction per line with its offset;
    /// relocations, when given, are shown after the instruction they patch.</summary>
    public abstract string Disassemble(ReadOnlySpan<byte> code, IReadOnlyList<MachReloc>? relocs = null, ulong baseAddress = 0);
}
