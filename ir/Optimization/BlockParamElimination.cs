using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Removes block parameters that receive one value on every edge (ignoring edges that pass the parameter
/// back to itself): the parameter is that value. The value dominates the block: the first arrival at the
/// block on any path comes over an edge passing the value, whose branch it dominates. Repeats until no
/// parameter goes, since removing one can make another redundant.
/// </summary>
internal static class BlockParamElimination
{
    private const int MaxRounds = 8;

    public static bool Run(FunctionStencil f, OptimizationStats stats, FunctionAnalyses analyses)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        // Edges lose arguments here, never targets: the graph stays valid.
        var cfg = analyses.Cfg;
        // Edges only lose arguments here, never change their target, so one index serves every round.
        var incoming = IncomingEdges.Compute(f);
        var map = ValueMap.Rent();
        var removed = new List<int>();
        bool any = false;
        for (int round = 0; round < MaxRounds; round++)
        {
            bool changed = false;
            foreach (var block in layout.BlockSpan)
            {
                if (block == layout.EntryBlock || dfg.BlockParams(block).Count == 0) continue;
                var preds = cfg.PredecessorBranchSpan(block);
                if (preds.IsEmpty || HasExceptionEdge(dfg, preds)) continue;
                removed.Clear();
                // Last to first, so the positions of the parameters still to look at do not move.
                for (int i = dfg.BlockParams(block).Count - 1; i >= 0; i--)
                {
                    var p = dfg.BlockParams(block)[i];
                    if (SoleIncoming(dfg, map, incoming, block, i, p) is not { } value) continue;
                    map.Replace(p, value);
                    dfg.RemoveBlockParam(block, i);
                    removed.Add(i);
                    stats.BlockParamsRemoved++;
                }
                if (removed.Count == 0) continue;
                // One rewrite per block for all its removed parameters: each rewrite copies the jump tables that name the block.
                EdgeEditor.Rewrite(dfg, preds.ToArray(), block, edge => new BlockCall(edge.Block, WithoutPositions(edge.Args, removed)));
                changed = true;
            }
            any |= changed;
            if (!changed) break;
        }
        map.RewriteAll(f);
        return any;
    }

    private static bool HasExceptionEdge(DataFlowGraph dfg, ReadOnlySpan<Inst> preds)
    {
        foreach (var p in preds)
            if (dfg.ExceptionTableOf(p) is not null) return true;
        return false;
    }

    private static Value? SoleIncoming(DataFlowGraph dfg, ValueMap map, IncomingEdges incoming, Block block, int index, Value param)
    {
        Value? sole = null;
        foreach (var edge in incoming.To(dfg, block))
        {
            if (index >= edge.Args.Length) return null;
            var a = map.Resolve(dfg, edge.Args[index]);
            if (a == param) continue;
            if (sole is null) sole = a;
            else if (sole != a) return null;
        }
        return sole;
    }

    /// <summary><paramref name="args"/> without the positions in <paramref name="removed"/> (which are in descending order).</summary>
    private static Value[] WithoutPositions(Value[] args, List<int> removed)
    {
        var kept = new List<Value>(args.Length);
        for (int k = 0; k < args.Length; k++)
            if (!removed.Contains(k)) kept.Add(args[k]);
        return kept.ToArray();
    }
}
