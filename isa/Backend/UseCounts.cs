using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Backend;

/// <summary>How many times each value (aliases resolved) is read by an instruction or passed to a block: what a
/// lowering rule asks before it folds a value's computation into its one user.</summary>
public sealed class UseCounts
{
    private readonly int[] _counts;

    private UseCounts(int[] counts) => _counts = counts;

    public static UseCounts Of(FunctionStencil function)
    {
        var dfg = function.Dfg;
        var counts = new int[dfg.NumValues];
        foreach (var inst in function.Layout.Insts())
            foreach (var v in dfg.InstValuesWithDestinations(inst))
                if (dfg.IsValidValue(v)) counts[dfg.ResolveAliases(v).Index]++;
        return new UseCounts(counts);
    }

    /// <summary>Uses of the value with index <paramref name="valueIndex"/>, already resolved.</summary>
    public int this[int valueIndex] => _counts[valueIndex];

    public int this[Value resolved] => _counts[resolved.Index];
}
