using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>
/// Which blocks are reachable and which instructions matter (have side effects or feed something that
/// does). The canonical key leaves out everything else, and <see cref="DeadCodeElimination"/> removes
/// exactly the same things before compiling, so equal keys always mean equal machine code.
/// </summary>
public sealed class LiveCode
{
    private readonly HashSet<Block> _reachable = [];
    private readonly HashSet<Inst> _live = [];

    public bool IsReachable(Block b) => _reachable.Contains(b);
    public bool IsLive(Inst i) => _live.Contains(i);

    public static LiveCode Compute(FunctionStencil f)
    {
        var result = new LiveCode();
        var dfg = f.Dfg;
        var layout = f.Layout;
        if (layout.EntryBlock is not { } entry) return result;

        var work = new Stack<Block>();
        result._reachable.Add(entry);
        work.Push(entry);
        while (work.Count > 0)
        {
            var b = work.Pop();
            foreach (var inst in layout.BlockInsts(b))
                foreach (var dest in dfg.BranchDestinations(inst))
                    if (layout.IsBlockInserted(dest.Block) && result._reachable.Add(dest.Block)) work.Push(dest.Block);
        }

        // Mark roots (side effects) then propagate backwards through operands; a block parameter is
        // live-making for every branch argument that feeds it, handled by treating branches as roots.
        var pending = new Stack<Inst>();
        foreach (var b in layout.Blocks)
        {
            if (!result._reachable.Contains(b)) continue;
            foreach (var inst in layout.BlockInsts(b))
                if (dfg[inst].Opcode.Info().HasSideEffects && result._live.Add(inst)) pending.Push(inst);
        }
        while (pending.Count > 0)
        {
            var inst = pending.Pop();
            foreach (var v in dfg.InstValuesWithDestinations(inst))
            {
                if (!dfg.IsValidValue(v)) continue;
                var def = dfg.ValueDef(dfg.ResolveAliases(v));
                if (def.Kind == ValueDefKind.Result && layout.InstBlock(def.Inst) is { } db && result._reachable.Contains(db) && result._live.Add(def.Inst))
                    pending.Push(def.Inst);
            }
        }
        return result;
    }
}
