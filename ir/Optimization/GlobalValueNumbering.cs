using Stencil.Ir.Analysis;
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
    public static bool Run(FunctionStencil f, OptimizationStats stats)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        var tree = new DominatorChildren(DominatorTree.Compute(f, ControlFlowGraph.Compute(f)));
        var map = new ValueMap();
        var table = new Dictionary<InstKey, Inst>();
        var added = new List<InstKey>();
        var marks = new Stack<int>();
        bool changed = false;

        void Enter(Block b)
        {
            marks.Push(added.Count);
            foreach (var inst in layout.BlockInsts(b).ToArray())
            {
                if (layout.InstBlock(inst) != b) continue;
                map.RewriteUses(dfg, inst);
                var outcome = Simplifier.Simplify(dfg, inst, out var replacement, stats);
                if (outcome == SimplifyOutcome.Replaced)
                {
                    map.Replace(dfg.FirstResult(inst), map.Resolve(dfg, replacement));
                    layout.RemoveInst(inst);
                    changed = true;
                    continue;
                }
                if (outcome == SimplifyOutcome.Removed)
                {
                    layout.RemoveInst(inst);
                    changed = true;
                    continue;
                }
                changed |= outcome == SimplifyOutcome.Rewritten;
                if (AlwaysTraps(dfg, inst))
                {
                    MakeTrap(layout, dfg, inst);
                    stats.BranchesFolded++;
                    changed = true;
                    break;
                }
                bool pure = InstructionClass.IsPure(dfg, inst);
                if (!pure && !InstructionClass.IsIdempotentTrap(dfg, inst)) continue;
                var key = InstKey.Of(dfg, inst);
                if (table.TryGetValue(key, out var existing))
                {
                    var mine = dfg.InstResults(inst);
                    var theirs = dfg.InstResults(existing);
                    for (int i = 0; i < mine.Count; i++) map.Replace(mine[i], theirs[i]);
                    layout.RemoveInst(inst);
                    if (pure) stats.ValuesNumbered++; else stats.TrapsMerged++;
                    changed = true;
                    continue;
                }
                table[key] = inst;
                added.Add(key);
            }
        }

        void Exit(Block b)
        {
            int mark = marks.Pop();
            for (int i = added.Count - 1; i >= mark; i--) table.Remove(added[i]);
            added.RemoveRange(mark, added.Count - mark);
        }

        tree.Walk(Enter, Exit);
        map.RewriteAll(f);
        return changed;
    }

    private static bool AlwaysTraps(DataFlowGraph dfg, Inst inst)
    {
        var d = dfg[inst];
        if (d.Opcode is not (Opcode.Trapz or Opcode.Trapnz) || !IntConstants.TryGet(dfg, d.Args[0], out var k)) return false;
        return d.Opcode == Opcode.Trapz ? k == 0 : k != 0;
    }

    /// <summary>Turns a conditional trap into <c>trap</c> and drops what follows it in the block.</summary>
    private static void MakeTrap(Layout layout, DataFlowGraph dfg, Inst inst)
    {
        var d = dfg[inst];
        var code = d.Trap;
        InstEdit.Become(d, Opcode.Trap, []);
        d.Trap = code;
        var block = layout.InstBlock(inst)!.Value;
        var insts = layout.BlockInsts(block);
        int at = -1;
        for (int i = 0; i < insts.Count; i++) if (insts[i] == inst) { at = i; break; }
        foreach (var later in insts.Skip(at + 1).ToArray()) layout.RemoveInst(later);
    }
}
