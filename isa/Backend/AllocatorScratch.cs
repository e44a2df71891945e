namespace Stencil.Isa.Backend;

/// <summary>
/// The buffers the register allocators refill for every function, one set per thread (functions compile in parallel,
/// but one thread allocates one function at a time): the operand tables, liveness, and the allocators' per-register
/// arrays. They only grow, so after the first few functions allocation allocates nearly nothing but its answer.
/// </summary>
internal sealed class AllocatorScratch
{
    [ThreadStatic] private static AllocatorScratch? t_current;

    public static AllocatorScratch ForThisThread => t_current ??= new();

    /// <summary>The operands of the code being allocated.</summary>
    public OperandTable Operands { get; private set; } = new();

    /// <summary>Where splitting writes the operands of the rewritten code (<see cref="SwapOperands"/> then makes it current).</summary>
    public OperandTable SplitOperands { get; private set; } = new();

    public Liveness Liveness { get; } = new();

    /// <summary>Per physical register: the ranges of the virtual registers placed in it, sorted by start.</summary>
    public List<(LiveRange Range, int VReg)>[] Placed { get; } = NewPlaced();

    /// <summary>The virtual registers met by the one being placed.</summary>
    public List<int> Conflicts { get; } = [];

    public long[] Order = [], Weights = [];
    public int[] Hints = [], CopyOf = [], Depth = [];

    public void SwapOperands() => (Operands, SplitOperands) = (SplitOperands, Operands);

    private static List<(LiveRange, int)>[] NewPlaced()
    {
        var placed = new List<(LiveRange, int)>[Reg.PhysRegCount];
        for (int p = 0; p < placed.Length; p++) placed[p] = [];
        return placed;
    }
}
