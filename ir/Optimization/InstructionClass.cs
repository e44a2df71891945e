using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// What the mid-end may do with an instruction, read from the opcode table's flags: pure instructions
/// may be merged, moved and removed; idempotent traps may be merged with an identical dominating copy
/// (which would have trapped first) but never moved; everything else stays where it is.
/// </summary>
internal static class InstructionClass
{
    private const OpcodeFlags Effects = OpcodeFlags.IsTerminator | OpcodeFlags.IsCall | OpcodeFlags.CanTrap | OpcodeFlags.CanLoad
        | OpcodeFlags.CanStore | OpcodeFlags.OtherSideEffects;

    /// <summary>The result depends on operands and immediates only; computing it has no effect.</summary>
    public static bool IsPure(DataFlowGraph dfg, Inst inst)
    {
        var d = dfg[inst];
        if ((d.Opcode.Info().Flags & Effects) != 0 || !dfg.HasResults(inst)) return false;
        // These read machine state (stack, frame, pinned register) or a global value that may be a load.
        return d.Opcode is not (Opcode.GetFramePointer or Opcode.GetStackPointer or Opcode.GetReturnAddress or Opcode.GetPinnedReg
            or Opcode.GlobalValue or Opcode.TlsValue or Opcode.Nop);
    }

    /// <summary>Its only effect is a trap decided by its operands (division, checked conversion, conditional trap):
    /// an identical instruction that dominates it has already trapped or proved it will not.</summary>
    public static bool IsIdempotentTrap(DataFlowGraph dfg, Inst inst)
    {
        var flags = dfg[inst].Opcode.Info().Flags;
        return (flags & Effects) == OpcodeFlags.CanTrap;
    }

    /// <summary>A plain load of memory that never changes and never traps: it may run earlier or more often.</summary>
    public static bool IsSpeculatableLoad(DataFlowGraph dfg, Inst inst)
    {
        var d = dfg[inst];
        return d.Format == InstructionFormat.Load && d.Flags.Readonly && d.Flags.Notrap;
    }

    /// <summary>Plain loads and stores with an address operand (not atomics, not stack slots).</summary>
    public static bool IsPlainLoad(InstructionData d) => d.Format == InstructionFormat.Load;
    public static bool IsPlainStore(InstructionData d) => d.Format == InstructionFormat.Store;
}
