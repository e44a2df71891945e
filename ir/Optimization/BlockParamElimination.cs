using Stencil.Ir.Analysis;
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

    public static bool Run(FunctionStencil f, OptimizationStats stats)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        var cfg = ControlFlowGraph.Compute(f);
        var map = new ValueMap();
        bool any = false;
        for (int round = 0; round < MaxRounds; round++)
        {
            bool changed = false;
            foreach (var block in layout.Blocks)
            {
                if (block == layout.EntryBlock || dfg.BlockParams(block).Count == 0) continue;
                var preds = cfg.PredecessorBranches(block);
                if (preds.Count == 0 || preds.Any(p => dfg.ExceptionTableOf(p) is not null)) continue;
                for (int i = dfg.BlockParams(block).Count - 1; i >= 0; i--)
                {
                    var p = dfg.BlockParams(block)[i];
                    if (SoleIncoming(dfg, map, preds, block, i, p) is not { } value) continue;
                    map.Replace(p, value);
                    int index = i;
                    EdgeEditor.Rewrite(dfg, preds, block, edge => new BlockCall(edge.Block, edge.Args.Where((_, k) => k != index).ToArray()));
                    dfg.RemoveBlockParam(block, i);
                    stats.BlockParamsRemoved++;
                    changed = true;
                }
            }
            any |= changed;
            if (!changed) break;
        }
        map.RewriteAll(f);
        return any;
    }

    private static Value? SoleIncoming(DataFlowGraph dfg, ValueMap map, IReadOnlyList<Inst> preds, Block block, int index, Value param)
    {
        Value? sole = null;
        foreach (var pred in preds)
            foreach (var edge in EdgeEditor.EdgesTo(dfg, pred, block))
            {
                if (index >= edge.Args.Length) return null;
                var a = map.Resolve(dfg, edge.Args[index]);
                if (a == param) continue;
                if (sole is null) sole = a;
                else if (sole != a) return null;
            }
        return sole;
    }
}
