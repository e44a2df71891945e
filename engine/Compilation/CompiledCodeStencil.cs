using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Compilation;

/// <summary>
/// The machine code of one stencil before its parameters are applied: relocation targets are still
/// <c>UserExternalNameRef</c>s / libcalls / known symbols and source locations are relative. This is what
/// the cache stores (see <see cref="CompiledCodeCodec"/>).
/// </summary>
public sealed record CompiledCodeStencil(
    byte[] Code,
    IReadOnlyList<MachReloc> Relocs,
    IReadOnlyList<MachTrap> Traps,
    IReadOnlyList<MachSrcLoc> SrcLocs,
    uint FrameSize,
    int Alignment)
{
    public static CompiledCodeStencil FromMachine(CompiledFunction f) =>
        new(f.Code, f.Relocs, f.Traps, f.SrcLocs, f.FrameSize, f.Alignment);

    /// <summary>Structural equality of the code and every side table (records compare lists by reference).</summary>
    public bool SameAs(CompiledCodeStencil other) =>
        Code.AsSpan().SequenceEqual(other.Code) && Relocs.SequenceEqual(other.Relocs) && Traps.SequenceEqual(other.Traps) &&
        SrcLocs.SequenceEqual(other.SrcLocs) && FrameSize == other.FrameSize && Alignment == other.Alignment;
}
