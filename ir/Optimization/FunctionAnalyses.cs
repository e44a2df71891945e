using Stencil.Ir.Analysis;

namespace Stencil.Ir.Optimization;

/// <summary>
/// The control-flow graph and dominator tree of the function being optimized, computed when a pass first asks and
/// kept until a pass changes an edge or the block order (it then calls <see cref="Invalidate"/>). Most passes change
/// neither most of the time, so one function builds them a few times instead of once per pass.
/// </summary>
internal sealed class FunctionAnalyses(FunctionStencil f)
{
    private ControlFlowGraph? _cfg;
    private DominatorTree? _dom;

    public ControlFlowGraph Cfg => _cfg ??= ControlFlowGraph.Compute(f);

    public DominatorTree Dom => _dom ??= DominatorTree.Compute(f, Cfg);

    /// <summary>Forgets both: an edge, a block's place in the layout or the set of blocks changed.</summary>
    public void Invalidate()
    {
        _cfg = null;
        _dom = null;
    }
}
