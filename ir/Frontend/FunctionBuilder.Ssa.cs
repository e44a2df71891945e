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
        // Single-predecessor chains are walked iteratively: they are the long ones in straight-line code.
        var chain = new List<Block>();
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
            if (state.Predecessors.Count == 1 && !chain.Contains(state.Predecessors[0].Block) && state.Predecessors[0].Block != block)
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
        foreach (var b in chain) _ctx.Definitions[(variable.Index, b.Index)] = result;
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
        var incoming = new Value[preds.Count];
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
        d.Destinations = Array.ConvertAll(d.Destinations, c => c.Block == dest ? Extend(c, value) : c);
        if (d.Format == InstructionFormat.BranchTable && d.JumpTable.Index < (uint)dfg.JumpTables.Count)
        {
            var jt = dfg.JumpTables[(int)d.JumpTable.Index];
            dfg.JumpTables[(int)d.JumpTable.Index] = new JumpTableData(
                jt.Default.Block == dest ? Extend(jt.Default, value) : jt.Default,
                Array.ConvertAll(jt.Table, c => c.Block == dest ? Extend(c, value) : c));
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
