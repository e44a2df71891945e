namespace Stencil.Cli.Commands;

/// <summary>A decoded compiled stencil as <c>cache show</c> reports it.</summary>
/// <param name="Disassembly">Null when no backend for the entry's triple is available.</param>
public sealed record CachedCodeDetails(
    int CodeSize,
    uint FrameSize,
    int Alignment,
    IReadOnlyList<CachedReloc> Relocations,
    IReadOnlyList<CachedTrap> Traps,
    string? Disassembly);
