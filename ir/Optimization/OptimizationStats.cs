namespace Stencil.Ir.Optimization;

/// <summary>How much each mid-end pass changed one function; tests and <c>test optimize</c> read it.</summary>
public sealed class OptimizationStats
{
    public int ConstantsFolded { get; internal set; }
    public int RulesApplied { get; internal set; }
    public int ValuesNumbered { get; internal set; }
    public int TrapsMerged { get; internal set; }
    public int BranchesFolded { get; internal set; }
    public int BlockParamsRemoved { get; internal set; }
    public int BlocksThreaded { get; internal set; }
    public int BlocksMerged { get; internal set; }
    public int InstsHoisted { get; internal set; }
    public int PreheadersCreated { get; internal set; }
    public int LoadsEliminated { get; internal set; }
    public int StoresForwarded { get; internal set; }
    public int DeadInstsRemoved { get; internal set; }

    public override string ToString() =>
        $"folded {ConstantsFolded}, rules {RulesApplied}, gvn {ValuesNumbered}, traps merged {TrapsMerged}, branches {BranchesFolded}, " +
        $"params {BlockParamsRemoved}, threaded {BlocksThreaded}, merged {BlocksMerged}, hoisted {InstsHoisted}, " +
        $"loads {LoadsEliminated}, forwarded {StoresForwarded}, dead {DeadInstsRemoved}";
}
