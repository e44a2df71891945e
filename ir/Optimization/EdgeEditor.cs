using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>Rewrites the edges from branch instructions to one block: <c>brif</c>/<c>jump</c> destinations and
/// jump-table entries. A jump table shared by several <c>br_table</c>s is rewritten once.</summary>
internal static class EdgeEditor
{
    public static void Rewrite(DataFlowGraph dfg, IEnumerable<Inst> branches, Block target, Func<BlockCall, BlockCall> rewrite)
    {
        var tables = new HashSet<uint>();
        foreach (var inst in branches)
        {
            var d = dfg[inst];
            for (int k = 0; k < d.Destinations.Length; k++)
                if (d.Destinations[k].Block == target) d.Destinations[k] = rewrite(d.Destinations[k]);
            if (d.Format != InstructionFormat.BranchTable || d.JumpTable.Index >= (uint)dfg.JumpTables.Count || !tables.Add(d.JumpTable.Index)) continue;
            var jt = dfg.JumpTables[(int)d.JumpTable.Index];
            var table = jt.Table.Select(bc => bc.Block == target ? rewrite(bc) : bc).ToArray();
            dfg.JumpTables[(int)d.JumpTable.Index] = new JumpTableData(jt.Default.Block == target ? rewrite(jt.Default) : jt.Default, table);
        }
    }

    /// <summary>Every edge of <paramref name="branch"/> to <paramref name="target"/>.</summary>
    public static IEnumerable<BlockCall> EdgesTo(DataFlowGraph dfg, Inst branch, Block target) =>
        dfg.BranchDestinations(branch).Where(bc => bc.Block == target);
}
