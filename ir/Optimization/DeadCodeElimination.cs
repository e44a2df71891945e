namespace Stencil.Ir;

/// <summary>Removes unreachable blocks and instructions whose results nothing uses, in place.</summary>
public static class DeadCodeElimination
{
    /// <returns>How many instructions were removed.</returns>
    public static int Run(FunctionStencil f)
    {
        var live = LiveCode.Compute(f);
        int removed = 0;
        foreach (var b in f.Layout.Blocks.ToArray())
        {
            foreach (var inst in f.Layout.BlockInsts(b).ToArray())
                if (!live.IsReachable(b) || !live.IsLive(inst)) { f.Layout.RemoveInst(inst); removed++; }
        }
        f.Layout.RemoveBlocksWhere(b => !live.IsReachable(b));
        return removed;
    }
}
