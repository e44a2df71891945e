using Stencil.Ir.Analysis;
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

    public static bool Run(FunctionStencil f, OptimizationStats stats)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        var cfg = ControlFlowGraph.Compute(f);
        var dom = DominatorTree.Compute(f, cfg);
        var entry = EntryStates(f, cfg, dom);
        // Position in its block, by instruction: set as each block is reached, read only for instructions of that block.
        var position = new int[dfg.NumInsts];
        var seen = new Dictionary<MemoryAccessKey, (Inst Def, Value Value)>();
        var map = new ValueMap();
        bool changed = false;

        // Loads leave their block together once it is done: one at a time would move the rest of a long block each time.
        var dropped = new Collections.EntitySet(dfg.NumInsts);
        Predicate<Inst> isDropped = inst => dropped.Contains(inst.Index);
        foreach (var block in dom.ReversePostOrder)
        {
            var state = (int[])entry[block].Clone();
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
    private static void Transfer(DataFlowGraph dfg, Inst inst, int[] state)
    {
        var d = dfg[inst];
        if (InstructionClass.IsPlainStore(d)) { state[(int)AliasRegions.Of(d.Flags)] = StoreVersion(inst); return; }
        var flags = d.Opcode.Info().Flags;
        bool barrier = (flags & (OpcodeFlags.CanStore | OpcodeFlags.IsCall | OpcodeFlags.OtherSideEffects)) != 0 || d.Opcode == Opcode.AtomicLoad;
        if (barrier) Array.Fill(state, StoreVersion(inst));
    }

    private static int StoreVersion(Inst inst) => 1 + (int)inst.Index;

    private static int MeetVersion(DataFlowGraph dfg, Block b) => 1 + dfg.NumInsts + (int)b.Index;

    /// <summary>Last-store state at each block's entry, iterated to a fixed point over reverse post-order.</summary>
    private static Dictionary<Block, int[]> EntryStates(FunctionStencil f, ControlFlowGraph cfg, DominatorTree dom)
    {
        var dfg = f.Dfg;
        var entry = new Dictionary<Block, int[]>();
        var exit = new Dictionary<Block, int[]>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var b in dom.ReversePostOrder)
            {
                var state = new int[AliasRegions.Count];
                Array.Fill(state, -1);
                if (b == dom.ReversePostOrder[0]) Array.Fill(state, MeetVersion(dfg, b));
                foreach (var p in cfg.PredecessorSpan(b))
                {
                    if (!exit.TryGetValue(p, out var pe)) continue;
                    for (int r = 0; r < state.Length; r++)
                        state[r] = state[r] == -1 || state[r] == pe[r] ? pe[r] : MeetVersion(dfg, b);
                }
                for (int r = 0; r < state.Length; r++) if (state[r] == -1) state[r] = MeetVersion(dfg, b);
                if (entry.TryGetValue(b, out var old) && old.AsSpan().SequenceEqual(state)) continue;
                entry[b] = state;
                var outState = (int[])state.Clone();
                foreach (var inst in f.Layout.BlockInsts(b)) Transfer(dfg, inst, outState);
                exit[b] = outState;
                changed = true;
            }
        }
        return entry;
    }

    private static bool Dominates(DominatorTree dom, Layout layout, int[] position, Inst a, Inst b)
    {
        if (layout.InstBlock(a) is not { } ba || layout.InstBlock(b) is not { } bb) return false;
        return ba == bb ? position[a.Index] < position[b.Index] : dom.Dominates(ba, bb);
    }
}
