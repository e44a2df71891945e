using System.Runtime.InteropServices;

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
        var (alloc, spillSlots, used, liveness) = Assign(code, env);
        if (spillSlots == 0 || move is null || withOperand is null
            || UseClusterSplitter.Split(code, alloc, move, withOperand) is not { } parents)
            return LinearScanAllocator.Result(code, alloc, spillSlots, used, liveness);
        (alloc, _, used, liveness) = Assign(code, env);
        spillSlots = UseClusterSplitter.AliasSpilledPieces(alloc, parents);
        return LinearScanAllocator.Result(code, alloc, spillSlots, used, liveness);
    }

    private static (Allocation[] Alloc, int SpillSlots, bool[] Used, Liveness Liveness) Assign<TInst>(VCode<TInst> code, MachineEnv env) where TInst : IMachInst
    {
        var liveness = Liveness.Compute(code);
        int nv = code.NumVRegs;
        var ranges = new List<LiveRange>[nv];
        var order = new List<int>(nv);
        for (int v = 0; v < nv; v++)
        {
            ranges[v] = liveness.Ranges[Reg.PhysRegCount + v];
            if (ranges[v].Count > 0) order.Add(v);
        }
        order.Sort((a, b) => ranges[a][0].From != ranges[b][0].From ? ranges[a][0].From.CompareTo(ranges[b][0].From) : a.CompareTo(b));

        var weight = SpillCosts(code, ranges);
        var (hints, copyOf) = LinearScanAllocator.CollectHints(code);
        var alloc = new Allocation[nv];
        Array.Fill(alloc, Allocation.None);
        // Per physical register: the ranges of the virtual registers placed in it, sorted by start.
        var placed = new List<(LiveRange Range, int VReg)>[Reg.PhysRegCount];
        for (int p = 0; p < placed.Length; p++) placed[p] = [];
        var used = new bool[Reg.PhysRegCount];
        int spillSlots = 0;

        bool FixedFree(Reg p, List<LiveRange> rs) => !Overlap(liveness.Ranges[p.PhysIndex], rs);
        // Each class's pool as an array and as a membership table by PhysIndex: this loop asks both for every register.
        Reg[] intPool = [.. env.IntRegs], floatPool = [.. env.FloatRegs];
        var inIntPool = new bool[Reg.PhysRegCount];
        var inFloatPool = new bool[Reg.PhysRegCount];
        foreach (var p in intPool) inIntPool[p.PhysIndex] = true;
        foreach (var p in floatPool) inFloatPool[p.PhysIndex] = true;

        foreach (int v in order)
        {
            var rs = ranges[v];
            bool isInt = code.VRegClass(v) == RegClass.Int;
            var pool = isInt ? intPool : floatPool;
            var inPool = isInt ? inIntPool : inFloatPool;
            bool Free(Reg p) => inPool[p.PhysIndex] && FixedFree(p, rs) && !AnyConflict(placed[p.PhysIndex], rs);

            Reg? chosen = null;
            if (hints[v] is { } hint && Free(hint)) chosen = hint;
            if (chosen is null && copyOf[v] >= 0 && alloc[copyOf[v]] is { IsSpilled: false, IsNone: false } src && Free(src.Reg)) chosen = src.Reg;
            if (chosen is null)
                foreach (var p in pool)
                    if (Free(p)) { chosen = p; break; }
            if (chosen is null)
            {
                // Evict the lightest set of occupants of one register, if lighter than this register.
                Reg? best = null;
                long bestWeight = long.MaxValue;
                foreach (var p in pool)
                {
                    if (!FixedFree(p, rs)) continue;
                    long w = Conflicts(placed[p.PhysIndex], rs).Sum(o => weight[o]);
                    if (w < bestWeight) { best = p; bestWeight = w; }
                }
                if (best is { } victimReg && bestWeight < weight[v])
                {
                    foreach (int o in Conflicts(placed[victimReg.PhysIndex], rs))
                    {
                        placed[victimReg.PhysIndex].RemoveAll(e => e.VReg == o);
                        alloc[o] = Allocation.Spilled(spillSlots++);
                    }
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

        return (alloc, spillSlots, used, liveness);
    }

    /// <summary>Whether two sorted, disjoint range lists share a program point. <paramref name="a"/> is a physical
    /// register's (one range per call that clobbers it, so long) and is searched, not walked.</summary>
    private static bool Overlap(List<LiveRange> a, List<LiveRange> b)
    {
        int lo = 0;
        foreach (var r in b)
        {
            // The first range of a ending at or after r starts (ends are sorted too); later ranges of b start later.
            int hi = a.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (a[mid].To < r.From) lo = mid + 1; else hi = mid;
            }
            if (lo == a.Count) return false;
            if (a[lo].From <= r.To) return true;
        }
        return false;
    }

    /// <summary>Whether a range placed in a register meets <paramref name="rs"/>: <see cref="Conflicts"/> is not empty.</summary>
    private static bool AnyConflict(List<(LiveRange Range, int VReg)> placed, List<LiveRange> rs)
    {
        foreach (var r in rs)
        {
            int lo = FirstStartingAfter(placed, r.To);
            if (lo > 0 && placed[lo - 1].Range.To >= r.From) return true;
        }
        return false;
    }

    /// <summary>The index of the first placed range starting after <paramref name="point"/>.</summary>
    private static int FirstStartingAfter(List<(LiveRange Range, int VReg)> placed, int point)
    {
        int lo = 0, hi = placed.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (placed[mid].Range.From <= point) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The distinct virtual registers placed in a register whose ranges meet <paramref name="rs"/>.</summary>
    private static List<int> Conflicts(List<(LiveRange Range, int VReg)> placed, List<LiveRange> rs)
    {
        var found = new List<int>();
        foreach (var r in rs)
        {
            int lo = FirstStartingAfter(placed, r.To);
            // Ranges in one register never overlap each other, so they are sorted by end too: the overlapping
            // ones are contiguous, ending at lo - 1.
            for (int k = lo - 1; k >= 0 && placed[k].Range.To >= r.From; k--)
                if (!found.Contains(placed[k].VReg)) found.Add(placed[k].VReg);
        }
        found.Sort();
        return found;
    }

    /// <summary>Adds <paramref name="rs"/> (sorted, meeting nothing placed) to a register's ranges, keeping them sorted by
    /// start: merged from the back in place, so many ranges cost one pass rather than one shift each.</summary>
    private static void Place(List<(LiveRange Range, int VReg)> placed, List<LiveRange> rs, int v)
    {
        int old = placed.Count;
        CollectionsMarshal.SetCount(placed, old + rs.Count);
        var all = CollectionsMarshal.AsSpan(placed);
        int i = old - 1, j = rs.Count - 1;
        for (int k = all.Length - 1; j >= 0; k--)
            all[k] = i >= 0 && all[i].Range.From > rs[j].From ? all[i--] : (rs[j--], v);
    }

    /// <summary>Scales a cost per instruction so that integer division keeps its order of magnitude.</summary>
    private const long DensityScale = 1 << 16;

    /// <summary>What spilling each virtual register costs per instruction its ranges span: each operand counts
    /// 10^(loop depth of its block), depth taken from back edges in block order, and the sum is divided by the
    /// span. Dense values (temporaries, loop variables) so outweigh sparse long-lived ones.</summary>
    private static long[] SpillCosts<TInst>(VCode<TInst> code, List<LiveRange>[] ranges) where TInst : IMachInst
    {
        var weight = UseWeights(code);
        for (int v = 0; v < weight.Length; v++)
        {
            long span = 0;
            foreach (var r in ranges[v]) span += r.To - r.From + 1;
            // Two program points per instruction; a range of one instruction or less is as dense as it gets.
            weight[v] = weight[v] * DensityScale / Math.Max(1, (span + 1) / 2);
        }
        return weight;
    }

    /// <summary>Each operand counts 10^(loop depth of its block), depth taken from back edges in block order.</summary>
    private static long[] UseWeights<TInst>(VCode<TInst> code) where TInst : IMachInst
    {
        var depth = new int[code.Blocks.Count];
        for (int b = 0; b < code.Blocks.Count; b++)
            foreach (int s in code.Blocks[b].Successors)
                if (s <= b) for (int k = s; k <= b; k++) depth[k]++;
        var weight = new long[code.NumVRegs];
        for (int b = 0; b < code.Blocks.Count; b++)
        {
            long w = (long)Math.Pow(10, Math.Min(depth[b], MaxDepthWeight));
            var blk = code.Blocks[b];
            for (int i = blk.Start; i < blk.End; i++)
            {
                var inst = code.Insts[i];
                for (int o = 0; o < inst.OperandCount; o++)
                    if (inst.GetOperand(o) is { IsVirtual: true } r) weight[r.VirtIndex] += w;
            }
        }
        return weight;
    }
}
