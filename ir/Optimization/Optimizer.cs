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

    public static OptimizationStats Run(FunctionStencil f) => Run(f, deadCodeRemoved: false);

    /// <param name="f">The function, optimized in place.</param>
    /// <param name="deadCodeRemoved">The caller has just run <see cref="DeadCodeElimination"/> on <paramref name="f"/>,
    /// so the first pass would find nothing: removal is idempotent (what is live never depends on what is dead).</param>
    public static OptimizationStats Run(FunctionStencil f, bool deadCodeRemoved)
    {
        ArgumentNullException.ThrowIfNull(f);
        var stats = new OptimizationStats();
        if (f.Layout.EntryBlock is null || f.Dfg.ExceptionTables.Count > 0 || f.DynamicTypes.Count > 0) return stats;

        var analyses = new FunctionAnalyses(f);
        if (!deadCodeRemoved) stats.DeadInstsRemoved += RemoveDeadCode(f, analyses);
        GlobalValueNumbering.Run(f, stats, analyses);
        for (int round = 0; round < CleanupRounds; round++)
        {
            bool changed = ConstantBranches.Run(f, stats, analyses);
            if (changed) stats.DeadInstsRemoved += RemoveDeadCode(f, analyses);
            changed |= BlockParamElimination.Run(f, stats, analyses);
            changed |= JumpThreading.Run(f, stats, analyses);
            if (changed) stats.DeadInstsRemoved += RemoveDeadCode(f, analyses);
            changed |= BlockMerging.Run(f, stats, analyses);
            if (!changed) break;
            GlobalValueNumbering.Run(f, stats, analyses);
        }
        // A preheader whose code moved on to an outer loop's is left empty: thread it away.
        if (LoopInvariantCodeMotion.Run(f, stats, analyses) && JumpThreading.Run(f, stats, analyses))
            stats.DeadInstsRemoved += RemoveDeadCode(f, analyses);
        if (RedundantLoadElimination.Run(f, stats, analyses)) GlobalValueNumbering.Run(f, stats, analyses);
        stats.DeadInstsRemoved += RemoveDeadCode(f, analyses);
        return stats;
    }

    /// <summary>Dead-code elimination, which changes the graph only by removing (unreachable) blocks: branches
    /// are never dead.</summary>
    private static int RemoveDeadCode(FunctionStencil f, FunctionAnalyses analyses)
    {
        int blocks = f.Layout.BlockCount;
        int removed = DeadCodeElimination.Run(f);
        if (f.Layout.BlockCount != blocks) analyses.Invalidate();
        return removed;
    }
}
