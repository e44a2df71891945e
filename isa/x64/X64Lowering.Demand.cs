using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.X64;

/// <summary>
/// Which instructions are lowered at all. Some rules read an operand's definition instead of its register
/// (an immediate, an address folded into an access, a compare evaluated into flags where it is tested, the
/// operands of a widening multiply), so a pure instruction is lowered only when a lowered instruction reads its
/// result from a register: Cranelift's lowering works the same way, at every opt level. Roots are the
/// instructions with side effects; <see cref="RegisterOperands"/> says what each rule reads from registers.
/// </summary>
internal sealed partial class X64Lowering
{
    private bool[] FindLoweredInsts()
    {
        var lowered = new bool[_dfg.NumInsts];
        var demanded = new bool[_dfg.NumValues];
        var pending = new Stack<Inst>();
        void Lower(Inst inst)
        {
            if (!lowered[inst.Index]) { lowered[inst.Index] = true; pending.Push(inst); }
        }
        foreach (var inst in _func.Layout.Insts())
            if (_dfg[inst].Opcode.Info().HasSideEffects && !IsFoldedLoad(inst)) Lower(inst);
        var operands = new List<Value>();
        while (pending.Count > 0)
        {
            operands.Clear();
            RegisterOperands(pending.Pop(), operands);
            foreach (var operand in operands)
            {
                if (!_dfg.IsValidValue(operand)) continue;
                var v = _dfg.ResolveAliases(operand);
                if (demanded[v.Index]) continue;
                demanded[v.Index] = true;
                var def = _dfg.ValueDef(v);
                if (def.Kind == ValueDefKind.Result && !IsFoldedLoad(def.Inst)) Lower(def.Inst);
            }
        }
        return lowered;
    }

    private bool IsLowered(Inst inst) => _lowered[inst.Index];

    /// <summary>A rule that reads a register <see cref="RegisterOperands"/> did not name would read a value nobody
    /// computed: fail loudly instead of emitting wrong code.</summary>
    private void CheckSkippedUnread()
    {
        foreach (var inst in _func.Layout.Insts())
            if (!_lowered[inst.Index] || IsFoldedLoad(inst))
                foreach (var r in _dfg.InstResultSpan(inst))
                    if (HasRegister(r))
                        throw new InvalidOperationException($"{inst} ({_dfg[inst].Opcode.Name()}) was not lowered but its result {r} is read");
    }

    /// <summary>The values the rule for <paramref name="inst"/> reads from registers; it must read no others.</summary>
    private void RegisterOperands(Inst inst, List<Value> into)
    {
        var d = _dfg[inst];
        if (_loadOpStores.TryGetValue(inst, out var rmw))
        {
            into.Add(LoadOpStoreOperand(rmw));
            into.Add(FoldedLoadAddress(_loadFolds[rmw]).Base);
            return;
        }
        if (AccessAddressArg(inst) is { } addressArg)
        {
            for (int i = 0; i < d.Args.Length; i++) if (i != addressArg) into.Add(d.Args[i]);
            var terms = AccessTerms(d.Args[addressArg], d.Offset);
            into.Add(terms.Base);
            if (terms.Index is { } index) into.Add(index);
            return;
        }
        if (_loadFolds.TryGetValue(inst, out var load))
        {
            var loaded = _dfg.ResolveAliases(_dfg.FirstResult(load));
            into.Add(_dfg.ResolveAliases(d.Args[1]) == loaded ? d.Args[0] : d.Args[1]);
            into.Add(FoldedLoadAddress(load).Base);
            return;
        }
        if (LeaTerms(inst) is { } lea)
        {
            into.Add(lea.Base);
            if (lea.Index is { } index) into.Add(index);
            return;
        }
        if (ShiftPairAsExtend(inst) is { } extend)
        {
            into.Add(extend.Source);
            return;
        }
        if (WideningMulSources(inst) is { } sources)
        {
            into.Add(sources.A);
            into.Add(sources.B);
            return;
        }
        if (d.Opcode is Opcode.Brif or Opcode.Trapz or Opcode.Trapnz or Opcode.Select or Opcode.SelectSpectreGuard
            && d.Args.Length > 0 && _dfg.IsValidValue(d.Args[0]) && DefiningCompare(d.Args[0]) is { } cmp)
        {
            // The condition is evaluated into flags here from the compare's own operands.
            RegisterOperands(cmp, into);
            var all = _dfg.InstValuesWithDestinations(inst).ToList();
            for (int i = 1; i < all.Count; i++) into.Add(all[i]);
            return;
        }
        if (FloatCompareOfSelect(inst) is { } fcmp)
        {
            into.AddRange(_dfg[fcmp].Args);
            into.Add(d.Args[1]);
            into.Add(d.Args[2]);
            return;
        }
        int immediate = ImmediateArg(inst);
        if (immediate >= 0)
        {
            into.Add(d.Args[1 - immediate]);
            return;
        }
        into.AddRange(_dfg.InstValuesWithDestinations(inst));
    }
}
