using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Values a pass has proved equal to others, and the rewriting of uses through them. Passes record a
/// replacement instead of making the old value an alias, so the optimized function prints without alias
/// lines and every later pass sees plain operands. Indexed by value and kept per thread, emptied by bumping a
/// generation stamp: every pass that replaces values rents it once per function.
/// </summary>
internal sealed class ValueMap
{
    [ThreadStatic] private static ValueMap? t_current;

    private Value[] _to = [];
    // _to[v] holds v's replacement when _stamps[v] == _generation.
    private int[] _stamps = [];
    private int _generation;
    private int _count;

    private ValueMap()
    {
    }

    /// <summary>This thread's map, emptied. One pass at a time holds it: passes do not nest.</summary>
    public static ValueMap Rent()
    {
        var map = t_current ??= new ValueMap();
        map._count = 0;
        if (++map._generation == int.MaxValue)
        {
            Array.Clear(map._stamps);
            map._generation = 1;
        }
        return map;
    }

    public int Count => _count;

    public void Replace(Value from, Value to)
    {
        if (from == to) return;
        if (from.Index >= (uint)_to.Length)
        {
            int size = (int)Math.Max(from.Index + 1, Math.Max(256u, (uint)_to.Length * 2));
            Array.Resize(ref _to, size);
            Array.Resize(ref _stamps, size);
        }
        if (_stamps[from.Index] != _generation)
        {
            _stamps[from.Index] = _generation;
            _count++;
        }
        _to[from.Index] = to;
    }

    private bool TryGetValue(Value v, out Value to)
    {
        if (v.Index < (uint)_stamps.Length && _stamps[v.Index] == _generation)
        {
            to = _to[v.Index];
            return true;
        }
        to = default;
        return false;
    }

    /// <summary>The value <paramref name="v"/> now stands for: aliases and recorded replacements followed to their end.</summary>
    public Value Resolve(DataFlowGraph dfg, Value v)
    {
        // Replacements only ever point at values defined earlier in dominance order, so chains end.
        for (int guard = 0; guard <= _count + 1; guard++)
        {
            v = dfg.ResolveAliases(v);
            if (!TryGetValue(v, out var next)) return v;
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
        if (_count == 0) return;
        foreach (var b in f.Layout.BlockSpan)
            foreach (var inst in f.Layout.InstSpan(b)) RewriteUses(f.Dfg, inst);
    }

    private void RewriteArray(DataFlowGraph dfg, Value[] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (dfg.IsValidValue(values[i])) values[i] = Resolve(dfg, values[i]);
    }
}
