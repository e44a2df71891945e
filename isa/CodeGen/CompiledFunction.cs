namespace Stencil.Isa.CodeGen;

/// <summary>
/// The machine code of one function as a backend produced it, with every side table sorted by offset.
/// Plain data: the engine wraps it into its cached form without looking inside.
/// </summary>
/// <param name="FrameSize">Bytes the function reserves below its frame pointer (spills, stack slots,
/// saved registers and outgoing arguments).</param>
/// <param name="Alignment">Alignment in bytes the start of <see cref="Code"/> needs.</param>
public sealed record CompiledFunction(
    byte[] Code,
    IReadOnlyList<MachReloc> Relocs,
    IReadOnlyList<MachTrap> Traps,
    IReadOnlyList<MachSrcLoc> SrcLocs,
    uint FrameSize,
    int Alignment);
