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
    /// <summary>s390x PC-relative 32-bit field counted in halfwords ((S + A - P) / 2): larl, brasl to a local target.</summary>
    S390xPCRel32Dbl,
    /// <summary>s390x call through the PLT, PC-relative 32-bit field counted in halfwords (brasl to a function).</summary>
    S390xPltRel32Dbl,
    /// <summary>s390x 8-byte literal the linker fills with the GOT offset of a TLS symbol's general-dynamic
    /// <c>tls_index</c> (or, after relaxation, its thread-pointer offset).</summary>
    S390xTlsGd64,
    /// <summary>s390x marker on the <c>brasl</c> to <c>__tls_get_offset</c>, naming the TLS symbol so the linker can
    /// relax the call; it patches no field and must follow that call's <see cref="S390xPltRel32Dbl"/>.</summary>
    S390xTlsGdCall,
    /// <summary>x86-64 PC-relative 4-byte field of the <c>data16 lea</c> of a general-dynamic TLS access (the
    /// <c>tls_index</c> GOT entry of the symbol).</summary>
    X86TlsGd,
}
