using System.Numerics;
using Stencil.Ir.Collections;

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
/// The allocators keep one instance per thread and recompute it for each function: every buffer is reused, and the
/// ranges of all registers lie in one array, each register's a slice of it.
/// </remarks>
public sealed class Liveness
{
    private readonly RangeBuffer _found = new();
    private LiveRange[] _ranges = [];
    private int[] _rangeStarts = [];
    private int _registers;
    private int[] _globalOf = [], _globals = [], _liveEnd = [];
    private bool[] _isGlobal = [];
    private ulong[] _sets = [], _live = [];

    internal Liveness() { }

    /// <summary>Registers numbered here: <see cref="Reg.PhysRegCount"/> plus the virtual ones.</summary>
    public int RegisterCount => _registers;

    /// <summary>The ranges of register number <paramref name="register"/>, sorted by start and non-overlapping.</summary>
    public ReadOnlySpan<LiveRange> RangesOf(int register) =>
        _ranges.AsSpan(_rangeStarts[register], _rangeStarts[register + 1] - _rangeStarts[register]);

    public static int Number(Reg r) => r.IsVirtual ? Reg.PhysRegCount + r.VirtIndex : r.PhysIndex;

    public static Liveness Compute<TInst>(VCode<TInst> code) where TInst : IMachInst
    {
        var liveness = new Liveness();
        liveness.Recompute(OperandTable.Of(code), code.Blocks, code.NumVRegs);
        return liveness;
    }

    /// <summary>Replaces the ranges with those of the code whose operands <paramref name="operands"/> holds.</summary>
    internal void Recompute(OperandTable operands, List<VCodeBlock> blocks, int virtualRegisters)
    {
        int n = Reg.PhysRegCount + virtualRegisters;
        int nb = blocks.Count;
        _registers = n;
        int globalCount = GlobalRegisters(operands, blocks, n);
        var globalOf = _globalOf;
        var globals = _globals;
        var starts = operands.Starts;
        var regs = operands.Regs;
        var kinds = operands.Kinds;
        int words = (globalCount + 63) >> 6;

        // gen, kill, live-in and live-out of block b: words each, at offsets (4b + 0..3) * words of one array.
        ScratchArray.Grow(ref _sets, 4 * nb * words);
        var sets = _sets;
        Array.Clear(sets, 0, 4 * nb * words);
        Span<ulong> Set(int b, int which) => sets.AsSpan((4 * b + which) * words, words);
        const int Gen = 0, Kill = 1, In = 2, Out = 3;
        for (int b = 0; b < nb; b++)
        {
            var g = Set(b, Gen);
            var k = Set(b, Kill);
            var blk = blocks[b];
            for (int i = blk.Start; i < blk.End; i++)
            {
                int from = starts[i], to = starts[i + 1];
                for (int e = from; e < to; e++)
                    if (OperandTable.IsRead(kinds[e]) && globalOf[regs[e]] is var u and >= 0 && !Get(k, u)) Put(g, u);
                for (int e = from; e < to; e++)
                    if (OperandTable.IsWrite(kinds[e]) && globalOf[regs[e]] is var d and >= 0) Put(k, d);
            }
        }

        // The least fixpoint, whatever the visiting order; reverse block order converges fast.
        for (bool changed = words > 0; changed;)
        {
            changed = false;
            for (int b = nb - 1; b >= 0; b--)
            {
                var outSet = Set(b, Out);
                foreach (var s in blocks[b].Successors)
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
        var found = _found;
        found.Clear();
        ScratchArray.Grow(ref _liveEnd, n);
        var liveEnd = _liveEnd;
        ScratchArray.Grow(ref _live, (n + 63) >> 6);
        var live = _live;
        Array.Clear(live, 0, (n + 63) >> 6);
        for (int b = 0; b < nb; b++)
        {
            var blk = blocks[b];
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
                int defPos = 2 * i + 1, usePos = 2 * i, from = starts[i], to = starts[i + 1];
                for (int e = from; e < to; e++)
                {
                    if (!OperandTable.IsWrite(kinds[e])) continue;
                    int r = regs[e];
                    if (Get(live, r)) { found.Add(r, new LiveRange(defPos, liveEnd[r])); Clear(live, r); }
                    else found.Add(r, new LiveRange(defPos, defPos));
                }
                for (int e = from; e < to; e++)
                    if (OperandTable.IsRead(kinds[e]) && regs[e] is var u && !Get(live, u)) { Put(live, u); liveEnd[u] = usePos; }
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
        found.GroupAndMerge(n, ref _ranges, ref _rangeStarts);
    }

    /// <summary>Numbers densely, in register order, the registers read before being written in some block
    /// (<c>_globalOf</c>: -1 for the others; <c>_globals</c>: the register of each dense number) and counts them.</summary>
    private int GlobalRegisters(OperandTable operands, List<VCodeBlock> blocks, int n)
    {
        // writtenIn[r] is 1 + the last block that wrote r, so the marks need no clearing between blocks.
        ScratchArray.Grow(ref _globalOf, n);
        ScratchArray.Grow(ref _isGlobal, n);
        var writtenIn = _globalOf;
        var isGlobal = _isGlobal;
        Array.Clear(writtenIn, 0, n);
        Array.Clear(isGlobal, 0, n);
        var starts = operands.Starts;
        var regs = operands.Regs;
        var kinds = operands.Kinds;
        int count = 0;
        for (int b = 0; b < blocks.Count; b++)
        {
            var blk = blocks[b];
            for (int i = blk.Start; i < blk.End; i++)
            {
                int from = starts[i], to = starts[i + 1];
                for (int e = from; e < to; e++)
                    if (OperandTable.IsRead(kinds[e]) && regs[e] is var u && writtenIn[u] != b + 1 && !isGlobal[u])
                    {
                        isGlobal[u] = true;
                        count++;
                    }
                for (int e = from; e < to; e++)
                    if (OperandTable.IsWrite(kinds[e])) writtenIn[regs[e]] = b + 1;
            }
        }
        var globalOf = writtenIn; // reused: every entry is overwritten below
        ScratchArray.Grow(ref _globals, count);
        var globals = _globals;
        for (int r = 0, next = 0; r < n; r++)
        {
            if (isGlobal[r]) { globals[next] = r; globalOf[r] = next++; }
            else globalOf[r] = -1;
        }
        return count;
    }

    private static bool Get(ReadOnlySpan<ulong> set, int i) => (set[i >> 6] & (1UL << (i & 63))) != 0;
    private static void Put(Span<ulong> set, int i) => set[i >> 6] |= 1UL << (i & 63);
    private static void Clear(Span<ulong> set, int i) => set[i >> 6] &= ~(1UL << (i & 63));
}
