using System.Numerics;

namespace Stencil.Isa.Backend;

/// <summary>
/// Live ranges of every register of a <see cref="VCode{TInst}"/>: block live-in sets by the usual
/// backward fixpoint, then ranges built block by block. Registers are numbered physical first
/// (<see cref="Reg.PhysIndex"/>) and virtual after (<see cref="Reg.PhysRegCount"/> + index).
/// </summary>
public sealed class Liveness
{
    private Liveness(List<LiveRange>[] ranges) => Ranges = ranges;

    /// <summary>Ranges per register number, each list sorted by start and non-overlapping.</summary>
    public List<LiveRange>[] Ranges { get; }

    public static int Number(Reg r) => r.IsVirtual ? Reg.PhysRegCount + r.VirtIndex : r.PhysIndex;

    public static Liveness Compute<TInst>(VCode<TInst> code) where TInst : IMachInst
    {
        int n = Reg.PhysRegCount + code.NumVRegs;
        int words = (n + 63) >> 6;
        int nb = code.Blocks.Count;
        var gen = new ulong[nb][];
        var kill = new ulong[nb][];
        for (int b = 0; b < nb; b++)
        {
            var g = gen[b] = new ulong[words];
            var k = kill[b] = new ulong[words];
            var blk = code.Blocks[b];
            for (int i = blk.Start; i < blk.End; i++)
            {
                var inst = code.Insts[i];
                for (int o = 0; o < inst.OperandCount; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Def && Number(inst.GetOperand(o)) is var u && !Get(k, u)) Set(g, u);
                for (int o = 0; o < inst.OperandCount; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Use) Set(k, Number(inst.GetOperand(o)));
                foreach (var c in inst.Clobbers) Set(k, Number(c));
            }
        }

        var liveIn = new ulong[nb][];
        var liveOut = new ulong[nb][];
        for (int b = 0; b < nb; b++) { liveIn[b] = new ulong[words]; liveOut[b] = new ulong[words]; }
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int b = nb - 1; b >= 0; b--)
            {
                var outSet = liveOut[b];
                foreach (var s in code.Blocks[b].Successors)
                    for (int w = 0; w < words; w++) outSet[w] |= liveIn[s][w];
                var inSet = liveIn[b];
                for (int w = 0; w < words; w++)
                {
                    ulong v = (outSet[w] & ~kill[b][w]) | gen[b][w];
                    if (v != inSet[w]) { inSet[w] = v; changed = true; }
                }
            }
        }

        var ranges = new List<LiveRange>[n];
        for (int r = 0; r < n; r++) ranges[r] = [];
        var liveEnd = new int[n];
        var live = new ulong[words];
        for (int b = 0; b < nb; b++)
        {
            var blk = code.Blocks[b];
            if (blk.End == blk.Start) continue;
            int blockFrom = 2 * blk.Start, blockTo = 2 * blk.End - 1;
            Array.Copy(liveOut[b], live, words);
            foreach (int r in Members(live)) liveEnd[r] = blockTo;
            for (int i = blk.End - 1; i >= blk.Start; i--)
            {
                var inst = code.Insts[i];
                int defPos = 2 * i + 1, usePos = 2 * i;
                void Def(int r)
                {
                    if (Get(live, r)) { ranges[r].Add(new LiveRange(defPos, liveEnd[r])); Clear(live, r); }
                    else ranges[r].Add(new LiveRange(defPos, defPos));
                }
                for (int o = 0; o < inst.OperandCount; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Use) Def(Number(inst.GetOperand(o)));
                foreach (var c in inst.Clobbers) Def(Number(c));
                for (int o = 0; o < inst.OperandCount; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Def && Number(inst.GetOperand(o)) is var u && !Get(live, u)) { Set(live, u); liveEnd[u] = usePos; }
            }
            foreach (int r in Members(live)) AddRange(ranges[r], new LiveRange(blockFrom, liveEnd[r]));
        }
        foreach (var list in ranges) Normalize(list);
        return new Liveness(ranges);
    }

    /// <summary>Appends a range, extending the last one when they touch (a value live through consecutive blocks).</summary>
    private static void AddRange(List<LiveRange> list, LiveRange range)
    {
        if (list.Count > 0 && list[^1].To + 1 == range.From) list[^1] = new LiveRange(list[^1].From, range.To);
        else list.Add(range);
    }

    private static bool Get(ulong[] set, int i) => (set[i >> 6] & (1UL << (i & 63))) != 0;
    private static void Set(ulong[] set, int i) => set[i >> 6] |= 1UL << (i & 63);
    private static void Clear(ulong[] set, int i) => set[i >> 6] &= ~(1UL << (i & 63));

    /// <summary>The members of a set in increasing order.</summary>
    private static IEnumerable<int> Members(ulong[] set)
    {
        for (int w = 0; w < set.Length; w++)
            for (ulong bits = set[w]; bits != 0; bits &= bits - 1)
                yield return (w << 6) + BitOperations.TrailingZeroCount(bits);
    }

    /// <summary>Sorts and merges touching or overlapping ranges (one register defined twice in a block gives two).</summary>
    private static void Normalize(List<LiveRange> list)
    {
        if (list.Count < 2) return;
        list.Sort((x, y) => x.From != y.From ? x.From.CompareTo(y.From) : x.To.CompareTo(y.To));
        int w = 0;
        for (int i = 1; i < list.Count; i++)
        {
            if (list[i].From <= list[w].To + 1) list[w] = new LiveRange(list[w].From, Math.Max(list[w].To, list[i].To));
            else list[++w] = list[i];
        }
        list.RemoveRange(w + 1, list.Count - w - 1);
    }
}
