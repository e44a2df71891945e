namespace Stencil.Isa.Backend;

/// <summary>
/// The spill protocol an emitter follows for each instruction: operands the allocator placed in registers are used
/// as they are; a spilled one goes through a scratch register of its class that is never allocated (at most as many
/// per instruction as the machine sets aside), reloaded before the instruction when it is read and stored back after
/// it when it is written. The emitter turns <see cref="Reloads"/> and <see cref="Stores"/> into its own loads and
/// stores.
/// </summary>
public sealed class SpillRewriter(RegAllocResult ra, IReadOnlyList<Reg> intScratch, IReadOnlyList<Reg> floatScratch)
{
    /// <summary>Scratch registers to load from their spill slots before the instruction, in operand order.</summary>
    public List<(Reg Scratch, int Slot)> Reloads { get; } = [];

    /// <summary>Scratch registers to store to their spill slots after the instruction.</summary>
    public List<(Reg Scratch, int Slot)> Stores { get; } = [];

    /// <summary>The answer array of each operand count, reused by every instruction with that many operands.</summary>
    private Reg[][] _physByCount = [];

    /// <summary>The physical register of each operand of <paramref name="inst"/>. With
    /// <paramref name="spilledDefTakesFirstScratch"/>, a spilled def is written through the first scratch register
    /// even when a use has it: for instructions that read every use before writing their def. The array is the
    /// rewriter's own and is overwritten by the next call (an emitter resolves one instruction at a time).</summary>
    public Reg[] Resolve(IMachInst inst, bool spilledDefTakesFirstScratch = false)
    {
        var phys = PhysFor(inst.OperandCount);
        int nextInt = 0, nextFloat = 0;
        Reloads.Clear();
        Stores.Clear();
        for (int k = 0; k < phys.Length; k++)
        {
            var r = inst.GetOperand(k);
            if (r.IsPhysical) { phys[k] = r; continue; }
            var a = ra[r];
            if (!a.IsSpilled && !a.IsNone) { phys[k] = a.Reg; continue; }
            var scratchSet = r.Class == RegClass.Int ? intScratch : floatScratch;
            ref int next = ref (r.Class == RegClass.Int ? ref nextInt : ref nextFloat);
            var kind = inst.GetOperandKind(k);
            if (kind == OperandKind.Def && spilledDefTakesFirstScratch)
            {
                phys[k] = scratchSet[0];
                if (!a.IsNone) Stores.Add((scratchSet[0], a.SpillSlot));
                continue;
            }
            if (next >= scratchSet.Count) throw new InvalidOperationException($"{inst} has more spilled operands than scratch registers");
            var scratch = scratchSet[next++];
            phys[k] = scratch;
            if (a.IsNone) continue;
            if (kind != OperandKind.Def) Reloads.Add((scratch, a.SpillSlot));
            if (kind != OperandKind.Use) Stores.Add((scratch, a.SpillSlot));
        }
        return phys;
    }

    private Reg[] PhysFor(int count)
    {
        if (count >= _physByCount.Length) Array.Resize(ref _physByCount, count + 1);
        return _physByCount[count] ??= new Reg[count];
    }
}
