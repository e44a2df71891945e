using Stencil.Ir.Entities;

namespace Stencil.Ir.Frontend;

/// <summary>
/// SSA construction after Braun et al., "Simple and Efficient Construction of SSA Form": a read with no
/// local definition asks the predecessors; an unsealed block gets a placeholder resolved at sealing; a
/// placeholder whose inputs agree becomes an alias of that value instead of a block parameter.
/// </summary>
public sealed partial class FunctionBuilder
{
    /// <summary>A block outside the layout that gives placeholders a type until they are resolved. The
    /// DFG cannot remove a block parameter, so a placeholder only joins its real block once it is known
    /// to be needed there.</summary>
    private Block? _limbo;

    private Value Lookup(Variable variable, Block block)
    {
        // Reads crossing very many merge points recurse once per merge; fail with an exception, not a crashed process.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        // Single-predecessor chains are walked iteratively: they are the long ones in straight-line code. The
        // chain is kept in the context's list from `start` on, since resolving a placeholder below looks up recursively.
        var chain = _ctx.LookupChain;
        int start = chain.Count;
        Value result;
        while (true)
        {
            if (_ctx.Definitions.TryGetValue((variable.Index, block.Index), out var known)) { result = Func.Dfg.ResolveAliases(known); break; }
            var state = State(block);
            if (!state.Sealed)
            {
                result = MakePlaceholder(variable);
                state.IncompletePhis.Add((variable, result));
                _ctx.Definitions[(variable.Index, block.Index)] = result;
                break;
            }
            if (state.Predecessors.Count == 1 && chain.IndexOf(state.Predecessors[0].Block, start, chain.Count - start) < 0 && state.Predecessors[0].Block != block)
            {
                chain.Add(block);
                block = state.Predecessors[0].Block;
                continue;
            }
            if (state.Predecessors.Count <= 1)
            {
                // No predecessor, or a single-predecessor cycle no entry path reaches: nothing defines the variable.
                result = ZeroAtTop(block, VarType(variable));
                _ctx.Definitions[(variable.Index, block.Index)] = result;
                break;
            }
            var placeholder = MakePlaceholder(variable);
            // Recorded before asking the predecessors so a loop back to this block finds the placeholder.
            _ctx.Definitions[(variable.Index, block.Index)] = placeholder;
            result = ResolvePlaceholder(variable, block, placeholder);
            break;
        }
        for (int i = start; i < chain.Count; i++) _ctx.Definitions[(variable.Index, chain[i].Index)] = result;
        chain.RemoveRange(start, chain.Count - start);
        return result;
    }

    private Value MakePlaceholder(Variable variable)
    {
        _limbo ??= Func.Dfg.MakeBlock();
        return Func.Dfg.AppendBlockParam(_limbo.Value, VarType(variable));
    }

    /// <summary>Decides a placeholder of a sealed block: an alias when every predecessor supplies the same
    /// value (or the placeholder itself, around a loop), otherwise a real block parameter fed by every edge.</summary>
    private Value ResolvePlaceholder(Variable variable, Block block, Value placeholder)
    {
        var dfg = Func.Dfg;
        var preds = State(block).Predecessors;
        // Sealed, so no predecessor is added while the lookups below run.
        var incoming = preds.Count <= 8 ? stackalloc Value[8] : new Value[preds.Count];
        Value? single = null;
        bool distinct = false;
        for (int i = 0; i < preds.Count; i++)
        {
            var v = dfg.ResolveAliases(Lookup(variable, preds[i].Block));
            incoming[i] = v;
            if (v == placeholder) continue;
            if (single is null) single = v;
            else if (single != v) distinct = true;
        }
        if (!distinct)
        {
            var target = single ?? ZeroAtTop(block, VarType(variable));
            dfg.SetAlias(placeholder, target);
            _ctx.Definitions[(variable.Index, block.Index)] = target;
            return target;
        }
        dfg.AttachBlockParam(block, placeholder, VarType(variable));
        for (int i = 0; i < preds.Count; i++) AppendBranchArg(preds[i].Branch, block, incoming[i]);
        return placeholder;
    }

    /// <summary>Adds <paramref name="value"/> to every destination of <paramref name="branch"/> that targets <paramref name="dest"/>.</summary>
    private void AppendBranchArg(Inst branch, Block dest, Value value)
    {
        var dfg = Func.Dfg;
        var d = dfg[branch];
        static BlockCall Extend(BlockCall c, Value v) => new(c.Block, [.. c.Args, v]);
        // The destination array is the builder's own (made by the instruction builder), so it is updated in place.
        var dests = d.Destinations;
        for (int i = 0; i < dests.Length; i++)
            if (dests[i].Block == dest) dests[i] = Extend(dests[i], value);
        if (d.Format == InstructionFormat.BranchTable && d.JumpTable.Index < (uint)dfg.JumpTables.Count)
        {
            var jt = dfg.JumpTables[(int)d.JumpTable.Index];
            var table = jt.Table;
            for (int i = 0; i < table.Length; i++)
                if (table[i].Block == dest) table[i] = Extend(table[i], value);
            if (jt.Default.Block == dest) dfg.JumpTables[(int)d.JumpTable.Index] = new JumpTableData(Extend(jt.Default, value), table);
        }
    }

    /// <summary>The value of a variable read where it was never defined: zero of its type, placed first in
    /// the block so it dominates every use there.</summary>
    private Value ZeroAtTop(Block block, IrType type)
    {
        InstructionData data;
        if (type.IsInt) data = new InstructionData(Opcode.Iconst) { ControllingType = type };
        else if (type == IrType.F32) data = new InstructionData(Opcode.F32const);
        else if (type == IrType.F64) data = new InstructionData(Opcode.F64const);
        else throw new InvalidOperationException($"a variable of type {type} is read in {block} before any definition reaches it");
        if (!Func.Layout.IsBlockInserted(block)) Func.Layout.AppendBlock(block);
        var inst = Func.Dfg.MakeInst(data);
        Func.Layout.InsertInst(inst, block, 0);
        if (!Func.Dfg.TryMakeInstResults(inst)) throw new InvalidOperationException($"cannot type the zero constant for {type}");
        State(block).Touched = true;
        return Func.Dfg.FirstResult(inst);
    }
}
