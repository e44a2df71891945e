namespace Stencil.Isa.CodeGen;

/// <summary>A branch emitted in its long form, <see cref="LongLength"/> bytes from <see cref="Start"/> with its label field
/// last, that <see cref="MachBuffer.ShortenBranches"/> rewrites as <see cref="ShortOpcode"/> followed by a
/// <see cref="ShortUse"/> field (x86's rel8 jumps).</summary>
public readonly record struct BranchShortening(uint Start, int LongLength, byte ShortOpcode, LabelUse ShortUse);
