using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Values a pass has proved equal to others, and the rewriting of uses through them. Passes record a
/// replacement instead of making the old value an alias, so the optimized function prints without alias
/// lines and every later pass sees plain operands.
/// </summary>
internal sealed class ValueMap
{
    private readonly Dictionary<Value, Value> _map = [];

    public int Count => _map.Count;

    public void Replace(Value from, Value to)
    {
        if (from != to) _map[from] = to;
    }

    /// <summary>The value <paramref name="v"/> now stands for: aliases and recorded replacements followed to their end.</summary>
    public Value Resolve(DataFlowGraph dfg, Value v)
    {
        // Replacements only ever point at values defined earlier in dominance order, so chains end.
        for (int guard = 0; guard <= _map.Count + 1; guard++)
        {
            v = dfg.ResolveAliases(v);
            if (!_map.TryGetValue(v, out var next)) return v;
            v = next;
        }
        return v;
    }

    /// <summary>Rewrites every operand of <paramref name="inst"/>, branch and jump-table arguments included.</summary>
    public void RewriteUses(DataFlowGraph dfg, Inst inst)
    {
        var d = dfg[inst];
        RewriteArray(dfg, d.Args);
        foreach (var dest in d.Destinations) RewriteArray(dfg, dest.Args);
        if (d.Format == InstructionFormat.BranchTable && d.JumpTable.Index < (uint)dfg.JumpTables.Count)
        {
            var jt = dfg.JumpTables[(int)d.JumpTable.Index];
            RewriteArray(dfg, jt.Default.Args);
            foreach (var bc in jt.Table) RewriteArray(dfg, bc.Args);
        }
    }

    /// <summary>Rewrites the operands of every instruction in the layout.</summary>
    public void RewriteAll(FunctionStencil f)
    {
        if (_map.Count == 0) return;
        foreach (var inst in f.Layout.Insts()) RewriteUses(f.Dfg, inst);
    }

    private void RewriteArray(DataFlowGraph dfg, Value[] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (dfg.IsValidValue(values[i])) values[i] = Resolve(dfg, values[i]);
    }
}
