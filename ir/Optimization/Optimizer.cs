namespace Stencil.Ir.Optimization;

/// <summary>
/// The mid-end run for <c>opt_level=speed</c> and <c>speed_and_size</c>: simplification and global value
/// numbering, control-flow cleanup (constant branches, redundant block parameters, jump threading,
/// merging straight-line blocks), loop-invariant code motion, redundant-load elimination with
/// store-to-load forwarding, and a last round of numbering and dead-code removal. Works in place on the
/// stencil and is deterministic: the same stencil always gives the same function. Functions with exception
/// tables or dynamic vector types pass through untouched: no pass reasons about them yet.
/// </summary>
public static class Optimizer
{
    // Each round is a cleanup sweep then, if it changed anything, numbering again; two rounds catch what
    // one exposes (a branch on a merged parameter) without paying for numbering over and over.
    private const int CleanupRounds = 2;

    public static OptimizationStats Run(FunctionStencil f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var stats = new OptimizationStats();
        if (f.Layout.EntryBlock is null || f.Dfg.ExceptionTables.Count > 0 || f.DynamicTypes.Count > 0) return stats;

        stats.DeadInstsRemoved += DeadCodeElimination.Run(f);
        GlobalValueNumbering.Run(f, stats);
        for (int round = 0; round < CleanupRounds; round++)
        {
            bool changed = ConstantBranches.Run(f, stats);
            if (changed) stats.DeadInstsRemoved += DeadCodeElimination.Run(f);
            changed |= BlockParamElimination.Run(f, stats);
            changed |= JumpThreading.Run(f, stats);
            if (changed) stats.DeadInstsRemoved += DeadCodeElimination.Run(f);
            changed |= BlockMerging.Run(f, stats);
            if (!changed) break;
            GlobalValueNumbering.Run(f, stats);
        }
        // A preheader whose code moved on to an outer loop's is left empty: thread it away.
        if (LoopInvariantCodeMotion.Run(f, stats) && JumpThreading.Run(f, stats)) stats.DeadInstsRemoved += DeadCodeElimination.Run(f);
        if (RedundantLoadElimination.Run(f, stats)) GlobalValueNumbering.Run(f, stats);
        stats.DeadInstsRemoved += DeadCodeElimination.Run(f);
        return stats;
    }
}
