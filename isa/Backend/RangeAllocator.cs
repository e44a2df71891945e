using System.Runtime.InteropServices;
using Stencil.Ir.Collections;

namespace Stencil.Isa.Backend;

/// <summary>
/// The allocator for optimizing levels: linear scan over live <em>ranges</em> rather than hulls. A virtual
/// register may take a physical register whenever none of its ranges meets a range already placed there,
/// so values fit into each other's holes: a loop variable's next value takes the register of the variable
/// it replaces (the latch copy vanishes), and a value that is dead across a call can use a caller-saved
/// register around it. When every register conflicts, the candidates are weighed by their spill cost per
/// instruction they span (<see cref="SpillCosts"/>, as regalloc2 weighs bundles): the occupants of the
/// register whose total cost is least are spilled if they cost less than the newcomer, else the newcomer is.
/// So a long-lived value read now and then gives way to the short temporaries around it, which spilling would
/// not relieve at all. A spilled register keeps one slot for its whole life. The copy hints of
/// <see cref="LinearScanAllocator"/> come first.
/// Deterministic: everything is ordered by program point, then register index.
/// </summary>
public static class RangeAllocator
{
    private const int MaxDepthWeight = 4;

    /// <param name="move">Makes a register copy; with <paramref name="withOperand"/> (an instruction with one operand
    /// replaced), it lets a second round split the read clusters of what the first spilled (<see cref="UseClusterSplitter"/>),
    /// which rewrites <paramref name="code"/> in place. Without them the code is left as it is.</param>
    public static RegAllocResult Allocate<TInst>(VCode<TInst> code, MachineEnv env, Func<Reg, Reg, TInst>? move = null,
        Func<TInst, int, Reg, TInst>? withOperand = null) where TInst : IMachInst
    {
        var scratch = AllocatorScratch.ForThisThread;
        scratch.Operands.Read(code);
        var (alloc, spillSlots, used) = Assign(code, env, scratch);
        if (spillSlots == 0 || move is null || withOperand is null
            || UseClusterSplitter.Split(code, scratch.Operands, scratch.SplitOperands, alloc, move, withOperand) is not { } parents)
            return LinearScanAllocator.Result(code, alloc, spillSlots, used, scratch.Liveness);
        scratch.SwapOperands();
        (alloc, _, used) = Assign(code, env, scratch);
        spillSlots = UseClusterSplitter.AliasSpilledPieces(alloc, parents);
        return LinearScanAllocator.Result(code, alloc, spillSlots, used, scratch.Liveness);
    }

    /// <summary>One round over the code whose operands <paramref name="scratch"/> holds; leaves its liveness there.</summary>
    private static (Allocation[] Alloc, int SpillSlots, bool[] Used) Assign<TInst>(VCode<TInst> code, MachineEnv env, AllocatorScratch scratch) where TInst : IMachInst
    {
        var liveness = scratch.Liveness;
        var operands = scratch.Operands;
        int nv = code.NumVRegs;
        liveness.Recompute(operands, code.Blocks, nv);
        // Ordered by first start, then register: (start, register) packed so a plain sort orders them.
        ScratchArray.Grow(ref scratch.Order, nv);
        var order = scratch.Order;
        int count = 0;
        for (int v = 0; v < nv; v++)
        {
            var rs = liveness.RangesOf(Reg.PhysRegCount + v);
            if (rs.Length > 0) order[count++] = ((long)rs[0].From << 32) | (uint)v;
        }
        order.AsSpan(0, count).Sort();

        var weight = SpillCosts(code, scratch);
        LinearScanAllocator.CollectHints(operands, nv, scratch);
        var hints = scratch.Hints;
        var copyOf = scratch.CopyOf;
        var alloc = new Allocation[nv];
        Array.Fill(alloc, Allocation.None);
        var placed = scratch.Placed;
        foreach (var list in placed) list.Clear();
        var conflicts = scratch.Conflicts;
        var used = new bool[Reg.PhysRegCount];
        int spillSlots = 0;

        // Each class's pool as an array and as a membership table by PhysIndex: this loop asks both for every register.
        Reg[] intPool = [.. env.IntRegs], floatPool = [.. env.FloatRegs];
        var inIntPool = new bool[Reg.PhysRegCount];
        var inFloatPool = new bool[Reg.PhysRegCount];
        foreach (var p in intPool) inIntPool[p.PhysIndex] = true;
        foreach (var p in floatPool) inFloatPool[p.PhysIndex] = true;

        for (int k = 0; k < count; k++)
        {
            int v = (int)(uint)order[k];
            var rs = liveness.RangesOf(Reg.PhysRegCount + v);
            bool isInt = code.VRegClass(v) == RegClass.Int;
            var pool = isInt ? intPool : floatPool;
            var inPool = isInt ? inIntPool : inFloatPool;

            Reg? chosen = null;
            if (hints[v] >= 0 && Reg.FromPhysIndex(hints[v]) is var hint && Free(hint, inPool, liveness, placed, rs)) chosen = hint;
            if (chosen is null && copyOf[v] >= 0 && alloc[copyOf[v]] is { IsSpilled: false, IsNone: false } src && Free(src.Reg, inPool, liveness, placed, rs))
                chosen = src.Reg;
            if (chosen is null)
                foreach (var p in pool)
                    if (Free(p, inPool, liveness, placed, rs)) { chosen = p; break; }
            if (chosen is null)
            {
                // Evict the lightest set of occupants of one register, if lighter than this register.
                Reg? best = null;
                long bestWeight = long.MaxValue;
                foreach (var p in pool)
                {
                    if (Overlap(liveness.RangesOf(p.PhysIndex), rs)) continue;
                    Conflicts(placed[p.PhysIndex], rs, conflicts);
                    long w = 0;
                    foreach (int o in conflicts) w += weight[o];
                    if (w < bestWeight) { best = p; bestWeight = w; }
                }
                if (best is { } victimReg && bestWeight < weight[v])
                {
                    var victims = placed[victimReg.PhysIndex];
                    Conflicts(victims, rs, conflicts);
                    var all = CollectionsMarshal.AsSpan(victims);
                    int kept = 0;
                    foreach (var e in all)
                        if (!conflicts.Contains(e.VReg)) all[kept++] = e;
                    CollectionsMarshal.SetCount(victims, kept);
                    foreach (int o in conflicts) alloc[o] = Allocation.Spilled(spillSlots++);
                    chosen = victimReg;
                }
            }
            if (chosen is { } c)
            {
                alloc[v] = Allocation.InReg(c);
                Place(placed[c.PhysIndex], rs, v);
                used[c.PhysIndex] = true;
            }
            else alloc[v] = Allocation.Spilled(spillSlots++);
        }

        return (alloc, spillSlots, used);
    }

    /// <summary>Whether <paramref name="p"/> may take a virtual register with ranges <paramref name="rs"/>: in its pool,
    /// not named by an instruction over them, and holding nothing placed that meets them.</summary>
    private static bool Free(Reg p, bool[] inPool, Liveness liveness, List<(LiveRange Range, int VReg)>[] placed, ReadOnlySpan<LiveRange> rs) =>
        inPool[p.PhysIndex] && !Overlap(liveness.RangesOf(p.PhysIndex), rs) && !AnyConflict(placed[p.PhysIndex], rs);

    /// <summary>Whether two sorted, disjoint range lists share a program point. <paramref name="a"/> is a physical
    /// register's (one range per call that clobbers it, so long) and is searched, not walked.</summary>
    private static bool Overlap(ReadOnlySpan<LiveRange> a, ReadOnlySpan<LiveRange> b)
    {
        int lo = 0;
        foreach (var r in b)
        {
            // The first range of a ending at or after r starts (ends are sorted too); later ranges of b start later.
            int hi = a.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (a[mid].To < r.From) lo = mid + 1; else hi = mid;
            }
            if (lo == a.Length) return false;
            if (a[lo].From <= r.To) return true;
        }
        return false;
    }

    /// <summary>Whether a range placed in a register meets <paramref name="rs"/>: <see cref="Conflicts"/> finds some.</summary>
    private static bool AnyConflict(List<(LiveRange Range, int VReg)> placed, ReadOnlySpan<LiveRange> rs)
    {
        var all = CollectionsMarshal.AsSpan(placed);
        foreach (var r in rs)
        {
            int lo = FirstStartingAfter(all, r.To);
            if (lo > 0 && all[lo - 1].Range.To >= r.From) return true;
        }
        return false;
    }

    /// <summary>The index of the first placed range starting after <paramref name="point"/>.</summary>
    private static int FirstStartingAfter(ReadOnlySpan<(LiveRange Range, int VReg)> placed, int point)
    {
        int lo = 0, hi = placed.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (placed[mid].Range.From <= point) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Fills <paramref name="found"/> with the distinct virtual registers placed in a register whose ranges
    /// meet <paramref name="rs"/>, in register order.</summary>
    private static void Conflicts(List<(LiveRange Range, int VReg)> placed, ReadOnlySpan<LiveRange> rs, List<int> found)
    {
        found.Clear();
        var all = CollectionsMarshal.AsSpan(placed);
        foreach (var r in rs)
        {
            int lo = FirstStartingAfter(all, r.To);
            // Ranges in one register never overlap each other, so they are sorted by end too: the overlapping
            // ones are contiguous, ending at lo - 1.
            for (int k = lo - 1; k >= 0 && all[k].Range.To >= r.From; k--)
                if (!found.Contains(all[k].VReg)) found.Add(all[k].VReg);
        }
        found.Sort();
    }

    /// <summary>Adds <paramref name="rs"/> (sorted, meeting nothing placed) to a register's ranges, keeping them sorted by
    /// start: merged from the back in place, so many ranges cost one pass rather than one shift each.</summary>
    private static void Place(List<(LiveRange Range, int VReg)> placed, ReadOnlySpan<LiveRange> rs, int v)
    {
        int old = placed.Count;
        CollectionsMarshal.SetCount(placed, old + rs.Length);
        var all = CollectionsMarshal.AsSpan(placed);
        int i = old - 1, j = rs.Length - 1;
        for (int k = all.Length - 1; j >= 0; k--)
            all[k] = i >= 0 && all[i].Range.From > rs[j].From ? all[i--] : (rs[j--], v);
    }

    /// <summary>Scales a cost per instruction so that integer division keeps its order of magnitude.</summary>
    private const long DensityScale = 1 << 16;

    /// <summary>What spilling each virtual register costs per instruction its ranges span: each operand counts
    /// 10^(loop depth of its block), depth taken from back edges in block order, and the sum is divided by the
    /// span. Dense values (temporaries, loop variables) so outweigh sparse long-lived ones.</summary>
    private static long[] SpillCosts<TInst>(VCode<TInst> code, AllocatorScratch scratch) where TInst : IMachInst
    {
        var weight = UseWeights(code, scratch);
        for (int v = 0; v < code.NumVRegs; v++)
        {
            long span = 0;
            foreach (var r in scratch.Liveness.RangesOf(Reg.PhysRegCount + v)) span += r.To - r.From + 1;
            // Two program points per instruction; a range of one instruction or less is as dense as it gets.
            weight[v] = weight[v] * DensityScale / Math.Max(1, (span + 1) / 2);
        }
        return weight;
    }

    /// <summary>Each operand counts 10^(loop depth of its block), depth taken from back edges in block order.</summary>
    private static long[] UseWeights<TInst>(VCode<TInst> code, AllocatorScratch scratch) where TInst : IMachInst
    {
        int nb = code.Blocks.Count;
        ScratchArray.Grow(ref scratch.Depth, nb);
        var depth = scratch.Depth;
        Array.Clear(depth, 0, nb);
        for (int b = 0; b < nb; b++)
            foreach (int s in code.Blocks[b].Successors)
                if (s <= b) for (int k = s; k <= b; k++) depth[k]++;
        ScratchArray.Grow(ref scratch.Weights, code.NumVRegs);
        var weight = scratch.Weights;
        Array.Clear(weight, 0, code.NumVRegs);
        var starts = scratch.Operands.Starts;
        var regs = scratch.Operands.Regs;
        for (int b = 0; b < nb; b++)
        {
            long w = (long)Math.Pow(10, Math.Min(depth[b], MaxDepthWeight));
            var blk = code.Blocks[b];
            for (int e = starts[blk.Start]; e < starts[blk.End]; e++)
                if (regs[e] >= Reg.PhysRegCount) weight[regs[e] - Reg.PhysRegCount] += w;
        }
        return weight;
    }
}
