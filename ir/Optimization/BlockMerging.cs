using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Straight-line blocks become one: when A ends in <c>jump B(args)</c> and that jump is B's only
/// predecessor, B's instructions move to the end of A, B's parameters are replaced by <c>args</c>, and B
/// leaves the layout. Chains merge in one sweep, because a moved terminator keeps its identity.
/// </summary>
internal static class BlockMerging
{
    public static bool Run(FunctionStencil f, OptimizationStats stats, FunctionAnalyses analyses)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        var cfg = analyses.Cfg;
        var map = ValueMap.Rent();
        var removed = new HashSet<Block>();
        foreach (var a in layout.Blocks.ToArray())
        {
            if (removed.Contains(a)) continue;
            while (layout.LastInst(a) is { } term && dfg[term].Opcode == Opcode.Jump)
            {
                var dest = dfg[term].Destinations[0];
                var b = dest.Block;
                if (b == a || b == layout.EntryBlock || removed.Contains(b)) break;
                var preds = cfg.PredecessorBranches(b);
                if (preds.Count != 1 || preds[0] != term) break;
                var ps = dfg.BlockParams(b);
                for (int i = 0; i < ps.Count; i++) map.Replace(ps[i], map.Resolve(dfg, dest.Args[i]));
                layout.RemoveInst(term);
                layout.MoveInstsToEnd(b, a);
                removed.Add(b);
                stats.BlocksMerged++;
            }
        }
        if (removed.Count == 0) return false;
        analyses.Invalidate();
        layout.RemoveBlocksWhere(removed.Contains);
        map.RewriteAll(f);
        return true;
    }
}
