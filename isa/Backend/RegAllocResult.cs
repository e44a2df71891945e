namespace Stencil.Isa.Backend;

/// <summary>The allocator's answer: a home for every virtual register, the register class of each spill slot it
/// handed out (the frame sizes them, <see cref="SpillArea"/>), and which physical registers ended up used (for saving
/// callee-saved ones).</summary>
public sealed record RegAllocResult(Allocation[] VRegs, IReadOnlyList<RegClass> SpillSlotClasses, IReadOnlyList<Reg> UsedRegs)
{
    public int SpillSlots => SpillSlotClasses.Count;

    public Allocation this[Reg vreg] => VRegs[vreg.VirtIndex];
}
