using Stencil.Ir.Analysis;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Moves loop-invariant instructions into the loop's preheader. Only pure instructions and loads of
/// read-only memory that cannot trap move, since the preheader runs them even when the loop body would
/// not; a trapping instruction (division, checked conversion, ordinary load) stays. An instruction is
/// invariant when each operand is defined outside the loop or by an invariant instruction. Constants move
/// only with an instruction that needs them, so a loop does not hold every constant in a register.
/// Loops go innermost first, so code leaves a nest level by level. The preheader is the header's only
/// outside predecessor when that ends in a plain jump; otherwise a new block takes over the outside edges.
/// </summary>
internal static class LoopInvariantCodeMotion
{
    public static bool Run(FunctionStencil f, OptimizationStats stats, FunctionAnalyses analyses)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        var cfg = analyses.Cfg;
        var dom = analyses.Dom;
        var loops = NaturalLoop.Find(cfg, dom);
        bool changed = false;
        // Position in reverse post-order; a new preheader sorts just before its header.
        var rpoIndex = new Dictionary<Block, double>();
        for (int i = 0; i < dom.ReversePostOrder.Count; i++) rpoIndex[dom.ReversePostOrder[i]] = i;

        foreach (var loop in loops)
        {
            var hoist = InvariantInsts(f, loop, rpoIndex);
            if (hoist.Count == 0) continue;
            var pre = Preheader(f, cfg, loop, stats);
            var term = layout.LastInst(pre)!.Value;
            int at = IndexOf(layout.BlockInsts(pre), term);
            foreach (var inst in hoist)
            {
                layout.RemoveInst(inst);
                layout.InsertInst(inst, pre, at++);
            }
            stats.InstsHoisted += hoist.Count;
            changed = true;
            // An outer loop's body gains the preheader, so what moved here can move out further.
            rpoIndex.TryAdd(pre, rpoIndex[loop.Header] - 0.5);
            foreach (var outer in loops)
                if (outer != loop && outer.Body.Contains(loop.Header)) outer.Body.Add(pre);
        }
        // Hoisting may have made a preheader: a new block and edge.
        if (changed) analyses.Invalidate();
        return changed;
    }

    private static List<Inst> InvariantInsts(FunctionStencil f, NaturalLoop loop, Dictionary<Block, double> rpoIndex)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        var invariant = new HashSet<Inst>();
        var order = new List<Inst>();
        foreach (var b in loop.Body.Where(rpoIndex.ContainsKey).OrderBy(b => rpoIndex[b]))
            foreach (var inst in layout.BlockInsts(b))
            {
                if (!InstructionClass.IsPure(dfg, inst) && !InstructionClass.IsSpeculatableLoad(dfg, inst)) continue;
                if (!dfg[inst].Args.All(a => DefinedOutside(dfg, layout, loop, invariant, a))) continue;
                invariant.Add(inst);
                order.Add(inst);
            }
        // A constant moves only when a moving instruction uses it.
        var needed = new HashSet<Inst>();
        foreach (var inst in order)
        {
            if (dfg[inst].Opcode == Opcode.Iconst) continue;
            needed.Add(inst);
            foreach (var a in dfg[inst].Args)
                if (DefiningInst(dfg, a) is { } def && invariant.Contains(def)) needed.Add(def);
        }
        return order.Where(needed.Contains).ToList();
    }

    private static bool DefinedOutside(DataFlowGraph dfg, Layout layout, NaturalLoop loop, HashSet<Inst> invariant, Value v)
    {
        var def = dfg.ValueDef(dfg.ResolveAliases(v));
        return def.Kind switch
        {
            ValueDefKind.Result => invariant.Contains(def.Inst) || layout.InstBlock(def.Inst) is not { } b || !loop.Body.Contains(b),
            ValueDefKind.Param => !loop.Body.Contains(def.Block),
            _ => false,
        };
    }

    private static Inst? DefiningInst(DataFlowGraph dfg, Value v)
    {
        var def = dfg.ValueDef(dfg.ResolveAliases(v));
        return def.Kind == ValueDefKind.Result ? def.Inst : null;
    }

    /// <summary>The block to put hoisted code in, made when the header has no suitable one.</summary>
    private static Block Preheader(FunctionStencil f, ControlFlowGraph cfg, NaturalLoop loop, OptimizationStats stats)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        var outside = new List<Inst>();
        var preds = cfg.Predecessors(loop.Header);
        var branches = cfg.PredecessorBranches(loop.Header);
        for (int i = 0; i < preds.Count; i++)
            if (!loop.Body.Contains(preds[i])) outside.Add(branches[i]);
        if (outside.Count == 1 && dfg[outside[0]].Opcode == Opcode.Jump && layout.InstBlock(outside[0]) is { } only
            && layout.LastInst(only) == outside[0])
            return only;

        var pre = dfg.MakeBlock();
        layout.AppendBlock(pre);
        layout.MoveBlock(pre, IndexOf(layout.Blocks, loop.Header));
        var args = dfg.BlockParams(loop.Header).Select(p => dfg.AppendBlockParam(pre, dfg.ValueType(p))).ToArray();
        EdgeEditor.Rewrite(dfg, outside, loop.Header, edge => new BlockCall(pre, edge.Args));
        var jump = dfg.MakeInst(new InstructionData(Opcode.Jump) { Destinations = [new BlockCall(loop.Header, args)] });
        layout.AppendInst(jump, pre);
        stats.PreheadersCreated++;
        return pre;
    }

    private static int IndexOf<T>(IReadOnlyList<T> list, T item) where T : IEquatable<T>
    {
        for (int i = 0; i < list.Count; i++) if (list[i].Equals(item)) return i;
        return -1;
    }
}
