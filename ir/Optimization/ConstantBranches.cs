using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>Branches decided at compile time become jumps: <c>brif</c> on a constant or with two identical
/// destinations, and <c>br_table</c> on a constant index. The untaken blocks may become unreachable.</summary>
internal static class ConstantBranches
{
    public static bool Run(FunctionStencil f, OptimizationStats stats, FunctionAnalyses analyses)
    {
        var dfg = f.Dfg;
        bool changed = false;
        foreach (var block in f.Layout.Blocks)
        {
            if (f.Layout.LastInst(block) is not { } term) continue;
            var d = dfg[term];
            BlockCall? target = d.Opcode switch
            {
                Opcode.Brif when IntConstants.TryGet(dfg, d.Args[0], out var c) => d.Destinations[c != 0 ? 0 : 1],
                Opcode.Brif when d.Destinations[0].Block == d.Destinations[1].Block && d.Destinations[0].Args.AsSpan().SequenceEqual(d.Destinations[1].Args)
                    => d.Destinations[0],
                Opcode.BrTable when IntConstants.TryGet(dfg, d.Args[0], out var i) && d.JumpTable.Index < (uint)dfg.JumpTables.Count
                    => dfg.JumpTables[(int)d.JumpTable.Index] is var jt && i < (ulong)jt.Table.Length ? jt.Table[(int)i] : jt.Default,
                _ => null,
            };
            if (target is not { } dest) continue;
            InstEdit.Become(d, Opcode.Jump, []);
            d.Destinations = [new BlockCall(dest.Block, (Value[])dest.Args.Clone())];
            stats.BranchesFolded++;
            changed = true;
        }
        if (changed) analyses.Invalidate();
        return changed;
    }
}
