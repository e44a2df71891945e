namespace Stencil.Isa.CodeGen;

/// <summary>
/// How a relocation's value is computed, in the psABI's letters: S the target's address, A the addend (always carried
/// by the relocation, never read from the field), P the address of the field, G the address of a GOT slot holding S.
/// </summary>
public enum RelocFormula : byte
{
    /// <summary>S + A.</summary>
    Absolute,
    /// <summary>S + A - P.</summary>
    PcRelative,
    /// <summary>G + A - P.</summary>
    GotPcRelative,
}
