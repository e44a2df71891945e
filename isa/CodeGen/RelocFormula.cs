namespace Stencil.Isa.CodeGen;

/// <summary>
/// How a relocation's value is computed, in the psABI's letters: S the target's address, A the addend (always carried
/// by the relocation, never read from the field), P the address of the field, G the address of a GOT slot holding S. Some
/// kinds count the value in units larger than a byte (see <see cref="RelocInfo.ScaleShift"/>).
/// </summary>
public enum RelocFormula : byte
{
    /// <summary>S + A.</summary>
    Absolute,
    /// <summary>S + A - P.</summary>
    PcRelative,
    /// <summary>G + A - P.</summary>
    GotPcRelative,
    /// <summary>Computed by the static linker from the symbol's TLS general-dynamic GOT entry (or its relaxation);
    /// meaningful only in an object file, so the JIT cannot apply it.</summary>
    TlsGeneralDynamic,
    /// <summary>No value: the relocation only tags an instruction for the linker (its width is 0).</summary>
    Marker,
}
