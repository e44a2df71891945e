using Stencil.Ir.Analysis;
using Stencil.Ir.Collections;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Redundant-load elimination and store-to-load forwarding, on the last-store analysis Cranelift uses:
/// for each alias region, which instruction last may have written it (a store, or a block where paths
/// with different last stores meet). A load whose address, offset, type and memory version equal those of
/// an earlier load or store that dominates it reads the same value, and that access already proved the
/// address valid, so removing the load never removes a trap. Calls, atomics, fences and any other
/// instruction with memory effects end every region's version; <c>readonly</c> loads read memory that
/// never changes. Only loads are removed and nothing moves.
/// </summary>
internal static class RedundantLoadElimination
{
    private const int Readonly = 0;

    public static bool Run(FunctionStencil f, OptimizationStats stats, FunctionAnalyses analyses)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        // Only loads go: the graph stays valid.
        var cfg = analyses.Cfg;
        var dom = analyses.Dom;
        var entry = EntryStates(f, cfg, dom);
        // The scratch is this thread's: the pass runs on every function.
        var scratch = t_scratch ??= new Scratch();
        // Position in its block, by instruction: set as each block is reached, read only for instructions of that block.
        ScratchArray.Grow(ref scratch.Position, dfg.NumInsts);
        var position = scratch.Position;
        var seen = scratch.Seen;
        seen.Clear();
        var map = ValueMap.Rent();
        bool changed = false;

        // Loads leave their block together once it is done: one at a time would move the rest of a long block each time.
        var dropped = new Collections.EntitySet(dfg.NumInsts);
        Predicate<Inst> isDropped = inst => dropped.Contains(inst.Index);
        Span<int> state = stackalloc int[AliasRegions.Count];
        foreach (var block in dom.ReversePostOrder)
        {
            entry.AsSpan((int)block.Index * AliasRegions.Count, AliasRegions.Count).CopyTo(state);
            var insts = layout.InstSpan(block);
            for (int i = 0; i < insts.Length; i++) position[insts[i].Index] = i;
            bool drops = false;
            foreach (var inst in insts)
            {
                var d = dfg[inst];
                if (InstructionClass.IsPlainLoad(d))
                {
                    var result = dfg.FirstResult(inst);
                    var addr = map.Resolve(dfg, d.Args[0]);
                    int version = d.Flags.Readonly ? Readonly : state[(int)AliasRegions.Of(d.Flags)];
                    var key = new MemoryAccessKey(version, addr, d.Offset, d.Opcode, dfg.ValueType(result), d.Flags.Endianness);
                    if (seen.TryGetValue(key, out var earlier) && Dominates(dom, layout, position, earlier.Def, inst))
                    {
                        map.Replace(result, map.Resolve(dfg, earlier.Value));
                        drops |= dropped.Add(inst.Index);
                        if (dfg[earlier.Def].Format == InstructionFormat.Store) stats.StoresForwarded++; else stats.LoadsEliminated++;
                        changed = true;
                        continue;
                    }
                    seen[key] = (inst, result);
                    continue;
                }
                Transfer(dfg, inst, state);
                if (d.Opcode == Opcode.Store)
                {
                    var value = map.Resolve(dfg, d.Args[0]);
                    var key = new MemoryAccessKey(state[(int)AliasRegions.Of(d.Flags)], map.Resolve(dfg, d.Args[1]), d.Offset, Opcode.Load,
                        dfg.ValueType(value), d.Flags.Endianness);
                    seen[key] = (inst, value);
                }
            }
            if (drops) layout.RemoveInstsWhere(block, isDropped);
        }
        map.RewriteAll(f);
        return changed;
    }

    /// <summary>How an instruction changes the last-store state (loads change nothing).</summary>
    private static void Transfer(DataFlowGraph dfg, Inst inst, Span<int> state)
    {
        var d = dfg[inst];
        if (InstructionClass.IsPlainStore(d)) { state[(int)AliasRegions.Of(d.Flags)] = StoreVersion(inst); return; }
        var flags = d.Opcode.Info().Flags;
        bool barrier = (flags & (OpcodeFlags.CanStore | OpcodeFlags.IsCall | OpcodeFlags.OtherSideEffects)) != 0 || d.Opcode == Opcode.AtomicLoad;
        if (barrier) state.Fill(StoreVersion(inst));
    }

    private static int StoreVersion(Inst inst) => 1 + (int)inst.Index;

    private static int MeetVersion(DataFlowGraph dfg, Block b) => 1 + dfg.NumInsts + (int)b.Index;

    /// <summary>Last-store state at each block's entry, iterated to a fixed point over reverse post-order: block b's
    /// regions at [b * <see cref="AliasRegions.Count"/>, ...).</summary>
    private static int[] EntryStates(FunctionStencil f, ControlFlowGraph cfg, DominatorTree dom)
    {
        const int n = AliasRegions.Count;
        var dfg = f.Dfg;
        var entry = new int[cfg.Capacity * n];
        var exit = new int[cfg.Capacity * n];
        // Blocks whose entry (and so exit) state has been computed at least once.
        var known = new bool[cfg.Capacity];
        Span<int> state = stackalloc int[n];
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var b in dom.ReversePostOrder)
            {
                state.Fill(-1);
                if (b == dom.ReversePostOrder[0]) state.Fill(MeetVersion(dfg, b));
                foreach (var p in cfg.PredecessorSpan(b))
                {
                    if (!known[p.Index]) continue;
                    var pe = exit.AsSpan((int)p.Index * n, n);
                    for (int r = 0; r < n; r++)
                        state[r] = state[r] == -1 || state[r] == pe[r] ? pe[r] : MeetVersion(dfg, b);
                }
                for (int r = 0; r < n; r++) if (state[r] == -1) state[r] = MeetVersion(dfg, b);
                var old = entry.AsSpan((int)b.Index * n, n);
                if (known[b.Index] && old.SequenceEqual(state)) continue;
                known[b.Index] = true;
                state.CopyTo(old);
                var outState = exit.AsSpan((int)b.Index * n, n);
                state.CopyTo(outState);
                foreach (var inst in f.Layout.InstSpan(b)) Transfer(dfg, inst, outState);
                changed = true;
            }
        }
        return entry;
    }

    [ThreadStatic] private static Scratch? t_scratch;

    private sealed class Scratch
    {
        public readonly Dictionary<MemoryAccessKey, (Inst Def, Value Value)> Seen = [];
        public int[] Position = [];
    }

    private static bool Dominates(DominatorTree dom, Layout layout, int[] position, Inst a, Inst b)
    {
        if (layout.InstBlock(a) is not { } ba || layout.InstBlock(b) is not { } bb) return false;
        return ba == bb ? position[a.Index] < position[b.Index] : dom.Dominates(ba, bb);
    }
}
