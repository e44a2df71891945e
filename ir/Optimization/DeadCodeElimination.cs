namespace Stencil.Ir;

/// <summary>Removes unreachable blocks and instructions whose results nothing uses, in place.</summary>
public static class DeadCodeElimination
{
    /// <returns>How many instructions were removed.</returns>
    public static int Run(FunctionStencil f)
    {
        var live = LiveCode.Compute(f);
        int removed = 0;
        Predicate<Entities.Inst> dead = inst => !live.IsLive(inst);
        foreach (var b in f.Layout.BlockSpan)
            removed += live.IsReachable(b) ? f.Layout.RemoveInstsWhere(b, dead) : f.Layout.BlockInsts(b).Count;
        f.Layout.RemoveBlocksWhere(b => !live.IsReachable(b));
        return removed;
    }
}
