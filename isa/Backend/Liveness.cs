using System.Buffers;
using System.Numerics;

namespace Stencil.Isa.Backend;

/// <summary>
/// Live ranges of every register of a <see cref="VCode{TInst}"/>: block live-in sets by the usual
/// backward fixpoint, then ranges built block by block. Registers are numbered physical first
/// (<see cref="Reg.PhysIndex"/>) and virtual after (<see cref="Reg.PhysRegCount"/> + index).
/// </summary>
/// <remarks>
/// Only a register read before it is written in some block can be live across a block boundary; the others (most
/// temporaries) are local to their block. The fixpoint's sets hold only those <em>global</em> registers, densely
/// renumbered, so its cost grows with blocks times globals rather than blocks times all registers.
/// </remarks>
public sealed class Liveness
{
    private Liveness(List<LiveRange>[] ranges) => Ranges = ranges;

    /// <summary>Ranges per register number, each list sorted by start and non-overlapping.</summary>
    public List<LiveRange>[] Ranges { get; }

    public static int Number(Reg r) => r.IsVirtual ? Reg.PhysRegCount + r.VirtIndex : r.PhysIndex;

    public static Liveness Compute<TInst>(VCode<TInst> code) where TInst : IMachInst
    {
        int n = Reg.PhysRegCount + code.NumVRegs;
        int nb = code.Blocks.Count;
        var (globalOf, globals) = GlobalRegisters(code, n);
        int words = (globals.Length + 63) >> 6;

        // gen, kill, live-in and live-out of block b: words each, at offsets (4b + 0..3) * words of one array.
        var sets = ArrayPool<ulong>.Shared.Rent(4 * nb * words);
        Array.Clear(sets, 0, 4 * nb * words);
        Span<ulong> Set(int b, int which) => sets.AsSpan((4 * b + which) * words, words);
        const int Gen = 0, Kill = 1, In = 2, Out = 3;
        for (int b = 0; b < nb; b++)
        {
            var g = Set(b, Gen);
            var k = Set(b, Kill);
            var blk = code.Blocks[b];
            for (int i = blk.Start; i < blk.End; i++)
            {
                var inst = code.Insts[i];
                int count = inst.OperandCount;
                for (int o = 0; o < count; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Def && globalOf[Number(inst.GetOperand(o))] is var u and >= 0 && !Get(k, u)) Put(g, u);
                for (int o = 0; o < count; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Use && globalOf[Number(inst.GetOperand(o))] is var d and >= 0) Put(k, d);
                foreach (var c in inst.Clobbers)
                    if (globalOf[Number(c)] is var d and >= 0) Put(k, d);
            }
        }

        // The least fixpoint, whatever the visiting order; reverse block order converges fast.
        for (bool changed = words > 0; changed;)
        {
            changed = false;
            for (int b = nb - 1; b >= 0; b--)
            {
                var outSet = Set(b, Out);
                foreach (var s in code.Blocks[b].Successors)
                {
                    var succIn = Set(s, In);
                    for (int w = 0; w < words; w++) outSet[w] |= succIn[w];
                }
                var inSet = Set(b, In);
                var gen = Set(b, Gen);
                var kill = Set(b, Kill);
                for (int w = 0; w < words; w++)
                {
                    ulong v = (outSet[w] & ~kill[w]) | gen[w];
                    if (v != inSet[w]) { inSet[w] = v; changed = true; }
                }
            }
        }

        // Every range is first collected as (register, range), then grouped by register (a counting sort) and merged.
        var found = new RangeBuffer();
        var liveEnd = new int[n];
        var live = new ulong[(n + 63) >> 6];
        for (int b = 0; b < nb; b++)
        {
            var blk = code.Blocks[b];
            if (blk.End == blk.Start) continue;
            int blockFrom = 2 * blk.Start, blockTo = 2 * blk.End - 1;
            var outSet = Set(b, Out);
            for (int w = 0; w < words; w++)
                for (ulong bits = outSet[w]; bits != 0; bits &= bits - 1)
                {
                    int r = globals[(w << 6) + BitOperations.TrailingZeroCount(bits)];
                    Put(live, r);
                    liveEnd[r] = blockTo;
                }
            for (int i = blk.End - 1; i >= blk.Start; i--)
            {
                var inst = code.Insts[i];
                int defPos = 2 * i + 1, usePos = 2 * i, count = inst.OperandCount;
                for (int o = 0; o < count; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Use) Def(Number(inst.GetOperand(o)), defPos);
                foreach (var c in inst.Clobbers) Def(Number(c), defPos);
                for (int o = 0; o < count; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Def && Number(inst.GetOperand(o)) is var u && !Get(live, u)) { Put(live, u); liveEnd[u] = usePos; }
            }
            // What is still live is what the block reads before writing, with what flows through it: its live-in set,
            // global registers only. Taking them off leaves the set empty for the next block.
            var inSet = Set(b, In);
            for (int w = 0; w < words; w++)
                for (ulong bits = inSet[w]; bits != 0; bits &= bits - 1)
                {
                    int r = globals[(w << 6) + BitOperations.TrailingZeroCount(bits)];
                    found.Add(r, new LiveRange(blockFrom, liveEnd[r]));
                    Clear(live, r);
                }
        }
        if (sets.Length > 0) ArrayPool<ulong>.Shared.Return(sets);
        var ranges = found.GroupAndMerge(n);
        found.Dispose();
        return new Liveness(ranges);

        void Def(int r, int defPos)
        {
            if (Get(live, r)) { found.Add(r, new LiveRange(defPos, liveEnd[r])); Clear(live, r); }
            else found.Add(r, new LiveRange(defPos, defPos));
        }
    }

    /// <summary>The registers read before being written in some block, numbered densely in register order
    /// (<c>globalOf</c>: -1 for the others; <c>globals</c>: the register of each dense number).</summary>
    private static (int[] GlobalOf, int[] Globals) GlobalRegisters<TInst>(VCode<TInst> code, int n) where TInst : IMachInst
    {
        // writtenIn[r] is 1 + the last block that wrote r, so the marks need no clearing between blocks.
        var writtenIn = new int[n];
        var isGlobal = new bool[n];
        int count = 0;
        for (int b = 0; b < code.Blocks.Count; b++)
        {
            var blk = code.Blocks[b];
            for (int i = blk.Start; i < blk.End; i++)
            {
                var inst = code.Insts[i];
                int operands = inst.OperandCount;
                for (int o = 0; o < operands; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Def && Number(inst.GetOperand(o)) is var u && writtenIn[u] != b + 1 && !isGlobal[u])
                    {
                        isGlobal[u] = true;
                        count++;
                    }
                for (int o = 0; o < operands; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Use) writtenIn[Number(inst.GetOperand(o))] = b + 1;
                foreach (var c in inst.Clobbers) writtenIn[Number(c)] = b + 1;
            }
        }
        var globalOf = writtenIn; // reused: every entry is overwritten below
        var globals = new int[count];
        for (int r = 0, next = 0; r < n; r++)
        {
            if (isGlobal[r]) { globals[next] = r; globalOf[r] = next++; }
            else globalOf[r] = -1;
        }
        return (globalOf, globals);
    }

    private static bool Get(ReadOnlySpan<ulong> set, int i) => (set[i >> 6] & (1UL << (i & 63))) != 0;
    private static void Put(Span<ulong> set, int i) => set[i >> 6] |= 1UL << (i & 63);
    private static void Clear(Span<ulong> set, int i) => set[i >> 6] &= ~(1UL << (i & 63));
}
