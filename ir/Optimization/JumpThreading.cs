using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// A block that holds nothing but <c>jump T(args)</c> is bypassed: each predecessor branches to T
/// directly, with the block's parameters in <c>args</c> replaced by what that predecessor passed. Values
/// in <c>args</c> that are not parameters dominate the block, and so every predecessor too. A block whose
/// parameters are used anywhere but in its own jump stays: the blocks it dominates read them.
/// </summary>
internal static class JumpThreading
{
    public static bool Run(FunctionStencil f, OptimizationStats stats, FunctionAnalyses analyses)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        var cfg = analyses.Cfg;
        int[]? uses = null;
        bool changed = false;
        foreach (var e in layout.Blocks)
        {
            if (e == layout.EntryBlock) continue;
            var insts = layout.BlockInsts(e);
            if (insts.Count != 1 || dfg[insts[0]].Opcode != Opcode.Jump) continue;
            var jump = dfg[insts[0]].Destinations[0];
            if (jump.Block == e) continue;
            var preds = cfg.PredecessorBranches(e);
            if (preds.Count == 0 || preds.Any(p => dfg.ExceptionTableOf(p) is not null || p == insts[0])) continue;
            var ps = dfg.BlockParams(e);
            if (ps.Count > 0)
            {
                uses ??= UseCounts(f);
                if (ps.Any(p => uses[p.Index] != jump.Args.Count(a => dfg.ResolveAliases(a) == p))) continue;
            }
            EdgeEditor.Rewrite(dfg, preds, e, edge => new BlockCall(jump.Block, jump.Args.Select(a =>
            {
                int k = IndexOf(ps, dfg.ResolveAliases(a));
                return k >= 0 ? edge.Args[k] : a;
            }).ToArray()));
            stats.BlocksThreaded++;
            changed = true;
        }
        if (changed) analyses.Invalidate();
        return changed;
    }

    /// <summary>How often each value is an operand, branch arguments included. Threading rewrites arguments only
    /// in the branches that already hold them, so a parameter used by nothing but its block's jump stays so.</summary>
    private static int[] UseCounts(FunctionStencil f)
    {
        var dfg = f.Dfg;
        var counts = new int[dfg.NumValues];
        var operands = new List<Value>();
        foreach (var b in f.Layout.BlockSpan)
            foreach (var inst in f.Layout.InstSpan(b))
            {
                operands.Clear();
                dfg.CollectOperands(dfg[inst], operands);
                foreach (var v in operands)
                    if (dfg.IsValidValue(v)) counts[dfg.ResolveAliases(v).Index]++;
            }
        return counts;
    }

    private static int IndexOf(IReadOnlyList<Value> ps, Value v)
    {
        for (int i = 0; i < ps.Count; i++) if (ps[i] == v) return i;
        return -1;
    }
}
