namespace Stencil.Isa.CodeGen;

/// <summary>
/// Relocation kinds a backend may emit. What each one means (width, formula, range, ELF number per machine) is
/// <see cref="RelocTable"/>, the one place it is written down; the numbering is the cache codec's on-disk encoding,
/// so values are never reused or renumbered.
/// </summary>
public enum Reloc : byte
{
    /// <summary>Absolute 4-byte address.</summary>
    Abs4,
    /// <summary>Absolute 8-byte address.</summary>
    Abs8,
    /// <summary>x86 PC-relative 4-byte (S + A - P), e.g. RIP-relative data access.</summary>
    X86PCRel4,
    /// <summary>x86 call to a function, PC-relative 4-byte, resolved directly.</summary>
    X86CallPCRel4,
    /// <summary>x86 call through the PLT (position-independent), PC-relative 4-byte.</summary>
    X86CallPLTRel4,
    /// <summary>x86 GOT-relative PC-relative 4-byte (address of the GOT slot of a symbol).</summary>
    X86GOTPCRel4,
}
