using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// One walk over the dominator tree in pre-order that rewrites operands to their representatives,
/// simplifies each instruction (<see cref="Simplifier"/>) and then numbers it: a pure instruction, or an
/// idempotent trap, identical to one in a dominating position is dropped and its results replaced by
/// that one's. The table is scoped, so an instruction only ever meets the ones that dominate it.
/// A conditional trap whose condition is a constant that traps becomes a plain <c>trap</c>, ending its block.
/// </summary>
internal static class GlobalValueNumbering
{
    public static bool Run(FunctionStencil f, OptimizationStats stats, FunctionAnalyses analyses)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        var tree = new DominatorChildren(analyses.Dom);
        var map = ValueMap.Rent();
        // Scoped lazily: an entry counts while the block that made it is on the walk's path, so leaving a block
        // costs nothing and a later sibling simply overwrites what it left behind.
        var table = InstKeyTable.Rent();
        var onPath = new Collections.EntitySet(dfg.NumBlocks);
        bool changed = false;
        bool trapsMade = false;

        // Instructions leave their block together once it is numbered: one at a time would move the rest of a
        // long block each time.
        var dropped = new Collections.EntitySet(dfg.NumInsts);
        Predicate<Inst> isDropped = inst => dropped.Contains(inst.Index);

        void Enter(Block b)
        {
            onPath.Add(b.Index);
            bool drops = false;
            // Nothing below moves instructions between blocks (drops wait for the end of the block), so the block is
            // read in place.
            foreach (var inst in layout.InstSpan(b))
            {
                map.RewriteUses(dfg, inst);
                var outcome = Simplifier.Simplify(dfg, inst, out var replacement, stats);
                if (outcome == SimplifyOutcome.Replaced)
                {
                    map.Replace(dfg.FirstResult(inst), map.Resolve(dfg, replacement));
                    drops |= dropped.Add(inst.Index);
                    changed = true;
                    continue;
                }
                if (outcome == SimplifyOutcome.Removed)
                {
                    drops |= dropped.Add(inst.Index);
                    changed = true;
                    continue;
                }
                changed |= outcome == SimplifyOutcome.Rewritten;
                if (AlwaysTraps(dfg, inst))
                {
                    drops |= MakeTrap(layout, dfg, inst, dropped);
                    stats.BranchesFolded++;
                    changed = true;
                    trapsMade = true;
                    break;
                }
                bool pure = InstructionClass.IsPure(dfg, inst);
                if (!pure && !InstructionClass.IsIdempotentTrap(dfg, inst)) continue;
                var key = InstKey.Of(dfg, inst);
                if (table.TryGetValue(key, out var entry) && onPath.Contains(entry.Block.Index))
                {
                    var existing = entry.Inst;
                    var mine = dfg.InstResults(inst);
                    var theirs = dfg.InstResults(existing);
                    for (int i = 0; i < mine.Count; i++) map.Replace(mine[i], theirs[i]);
                    drops |= dropped.Add(inst.Index);
                    if (pure) stats.ValuesNumbered++; else stats.TrapsMerged++;
                    changed = true;
                    continue;
                }
                table.Set(key, (inst, b));
            }
            if (drops) layout.RemoveInstsWhere(b, isDropped);
        }

        void Exit(Block b) => onPath.Remove(b.Index);

        foreach (var (b, exit) in tree.PreOrder())
            if (exit) Exit(b); else Enter(b);
        // A trap that ends its block early drops the block's branch.
        if (trapsMade) analyses.Invalidate();
        map.RewriteAll(f);
        return changed;
    }

    private static bool AlwaysTraps(DataFlowGraph dfg, Inst inst)
    {
        var d = dfg[inst];
        if (d.Opcode is not (Opcode.Trapz or Opcode.Trapnz) || !IntConstants.TryGet(dfg, d.Args[0], out var k)) return false;
        return d.Opcode == Opcode.Trapz ? k == 0 : k != 0;
    }

    /// <summary>Turns a conditional trap into <c>trap</c> and marks what follows it in the block as dropped.</summary>
    /// <returns>Whether anything follows it.</returns>
    private static bool MakeTrap(Layout layout, DataFlowGraph dfg, Inst inst, Collections.EntitySet dropped)
    {
        var d = dfg[inst];
        var code = d.Trap;
        InstEdit.Become(d, Opcode.Trap, []);
        d.Trap = code;
        var insts = layout.InstSpan(layout.InstBlock(inst)!.Value);
        int at = insts.IndexOf(inst);
        for (int i = at + 1; i < insts.Length; i++) dropped.Add(insts[i].Index);
        return at + 1 < insts.Length;
    }
}
