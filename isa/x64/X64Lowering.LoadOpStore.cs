using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.X64;

/// <summary>
/// <c>store (op (load p+k), x), p+k</c> with add, and, or or xor of 32 or 64 bits (and, or, xor also of f32/f64), where the load is already folded
/// into the operation (<see cref="FindFoldableLoads"/>), the operation's only use is the store and nothing touching
/// memory or trapping comes between the load and the store: one <c>op [p+k], x</c>, as Cranelift emits at every level.
/// </summary>
internal sealed partial class X64Lowering
{
    /// <summary>Store to the operation whose result it writes back in place.</summary>
    private Dictionary<Inst, Inst> FindLoadOpStores()
    {
        var stores = new Dictionary<Inst, Inst>();
        if (_loadFolds.Count == 0) return stores;
        foreach (var block in _func.Layout.Blocks)
        {
            var insts = _func.Layout.BlockInsts(block);
            int lastBarrier = -1;
            for (int i = 0; i < insts.Count; i++)
            {
                var inst = insts[i];
                if (LoadOpStoreOperation(inst) is { } op && MayMoveDownTo(_loadFolds[op], inst, i, lastBarrier))
                    stores[inst] = op;
                if (IsFoldBarrier(inst)) lastBarrier = i;
            }
        }
        return stores;
    }

    /// <summary>The operation a plain store writes back to the address its folded load read, if any.</summary>
    private Inst? LoadOpStoreOperation(Inst store)
    {
        var s = _dfg[store];
        if (s.Opcode != Opcode.Store || s.Args.Length != 2 || !_dfg.IsValidValue(s.Args[0]) || !_dfg.IsValidValue(s.Args[1])
            || s.Flags.Endianness == Endianness.Big) return null;
        var value = _dfg.ResolveAliases(s.Args[0]);
        var def = _dfg.ValueDef(value);
        if (def.Kind != ValueDefKind.Result || Uses[value] != 1 || !_loadFolds.TryGetValue(def.Inst, out var load)) return null;
        if (_dfg[def.Inst].Opcode is not (Opcode.Iadd or Opcode.Band or Opcode.Bor or Opcode.Bxor)) return null;
        var l = _dfg[load];
        bool sameAddress = _dfg.ResolveAliases(l.Args[0]) == _dfg.ResolveAliases(s.Args[1]) && l.Offset == s.Offset;
        return sameAddress && _dfg.ControllingType(load) == TypeOf(value) ? def.Inst : null;
    }

    /// <summary>The operand of a load-op-store's operation that is not the loaded value.</summary>
    private Value LoadOpStoreOperand(Inst op)
    {
        var d = _dfg[op];
        var loaded = _dfg.ResolveAliases(_dfg.FirstResult(_loadFolds[op]));
        return _dfg.ResolveAliases(d.Args[1]) == loaded ? d.Args[0] : d.Args[1];
    }

    private bool LowerLoadOpStore(Inst store)
    {
        if (!_loadOpStores.TryGetValue(store, out var op)) return false;
        var load = _loadFolds[op];
        var (baseValue, disp) = FoldedLoadAddress(load);
        bool trap = !_dfg[load].Flags.Notrap || !_dfg[store].Flags.Notrap;
        var type = _dfg.ControllingType(op);
        var operand = LoadOpStoreOperand(op);
        // A float's bits go to a general register first: movd esi, xmm0; or [rdi], esi.
        var reg = type.IsFloat ? Bits(operand, SizeOf(type)) : Get(operand);
        Emit(MInst.AluToMem(AluOpOf(_dfg[op])!.Value, reg, Get(baseValue), Amode.RegDisp(disp), OpSize(type), trap));
        return true;
    }
}
