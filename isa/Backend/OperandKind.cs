namespace Stencil.Isa.Backend;

/// <summary>How an instruction touches a register operand. Uses read before the instruction's
/// defs write, so a def may take the register of a use that dies at the same instruction.</summary>
public enum OperandKind : byte
{
    Use,
    Def,
    /// <summary>Read and written in place (x86 two-address forms).</summary>
    Mod,
}
