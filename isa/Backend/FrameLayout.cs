using Stencil.Ir;

namespace Stencil.Isa.Backend;

/// <summary>
/// The part of a stack frame every backend lays out alike, upward from where the backend's own areas (outgoing
/// arguments, return area) end: the explicit stack slots, then the spill area. The backend adds what its machine
/// needs around it (saved registers, the frame's alignment, where the stack pointer points).
/// </summary>
public sealed record FrameLayout(int[] SlotOffsets, int SpillBase, SpillArea Spills, long End)
{
    public int SpillOffset(int slot) => SpillBase + Spills.Offsets[slot];

    /// <param name="start">Offset of the first byte after the backend's own areas.</param>
    /// <param name="maxSlotAlignment">The alignment the machine's frame guarantees; larger slot alignments are refused.</param>
    /// <param name="spillsFirst">Place the spill area before the explicit slots, for a machine whose short
    /// displacements must reach the spill slots when the explicit slots are large.</param>
    public static FrameLayout Place(FunctionStencil func, long start, RegAllocResult ra, MachineEnv env, string isaName, int maxSlotAlignment,
        bool spillsFirst = false)
    {
        var spills = SpillArea.Of(ra, env);
        long spillBase = (start + spills.Alignment - 1) & ~((long)spills.Alignment - 1);
        long offset = spillsFirst ? spillBase + spills.Bytes : start;
        var slotOffsets = new int[func.SizedStackSlots.Count];
        for (int i = 0; i < slotOffsets.Length; i++)
        {
            var s = func.SizedStackSlots[i];
            if (s.Kind != StackSlotKind.ExplicitSlot) throw IsaDiagnostics.Abi(isaName, "dynamic stack slots yet");
            if (s.AlignShift > System.Numerics.BitOperations.Log2((uint)maxSlotAlignment))
                throw IsaDiagnostics.Limit($"ss{i}: stack slot alignment {1L << s.AlignShift} exceeds the {maxSlotAlignment} bytes the {isaName} frame guarantees");
            // 16-byte slots get 16-byte alignment so 16-byte atomics (cmpxchg16b, cdsg) may address them.
            long align = Math.Max(1L << s.AlignShift, s.Size >= 16 ? 16 : s.Size >= 8 ? 8 : 1);
            offset = (offset + align - 1) & ~(align - 1);
            slotOffsets[i] = (int)offset;
            offset += s.Size;
            if (offset > int.MaxValue / 2) throw IsaDiagnostics.Limit("the stack frame exceeds 1 GiB");
        }
        if (!spillsFirst)
        {
            offset = (offset + spills.Alignment - 1) & ~((long)spills.Alignment - 1);
            spillBase = offset;
            offset += spills.Bytes;
        }
        return new FrameLayout(slotOffsets, (int)spillBase, spills, offset);
    }
}
