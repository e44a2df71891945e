namespace Stencil.Isa.Backend;

/// <summary>The allocator's answer: a home for every virtual register, how many 8-byte spill slots
/// that takes, and which physical registers ended up used (for saving callee-saved ones).</summary>
public sealed record RegAllocResult(Allocation[] VRegs, int SpillSlots, IReadOnlyList<Reg> UsedRegs)
{
    public Allocation this[Reg vreg] => VRegs[vreg.VirtIndex];
}
