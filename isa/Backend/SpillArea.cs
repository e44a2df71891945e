namespace Stencil.Isa.Backend;

/// <summary>
/// Where each spill slot lies inside the frame's spill area, sized by its register class
/// (<see cref="MachineEnv.SpillBytesOf"/>) and aligned to its size, in slot order. The area itself needs
/// <see cref="Alignment"/>: the largest slot size the machine has, whether or not this function spills.
/// </summary>
public sealed record SpillArea(int[] Offsets, int Bytes, int Alignment)
{
    public static SpillArea Of(RegAllocResult ra, MachineEnv env)
    {
        var offsets = new int[ra.SpillSlots];
        int bytes = 0;
        for (int i = 0; i < offsets.Length; i++)
        {
            int size = env.SpillBytesOf(ra.SpillSlotClasses[i]);
            bytes = (bytes + size - 1) / size * size;
            offsets[i] = bytes;
            bytes += size;
        }
        return new SpillArea(offsets, bytes, Math.Max(env.IntSpillBytes, env.FloatSpillBytes));
    }
}
