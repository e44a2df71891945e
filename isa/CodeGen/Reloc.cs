namespace Stencil.Isa.CodeGen;

/// <summary>
/// Relocation kinds a backend may emit. The one table of them: object writers map each kind to their
/// format's relocation type, the JIT applies them in memory.
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
