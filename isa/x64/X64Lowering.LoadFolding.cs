using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// At every opt level (as in Cranelift's lowering) a plain 32- or 64-bit load whose only use is an integer ALU operation of its width
/// (<c>iadd</c>, <c>isub</c>, <c>band</c>, <c>bor</c>, <c>bxor</c>, <c>imul</c>) becomes that operation's memory
/// operand, <c>add rax, [rdi+8]</c>, and is not emitted on its own. The load may only move down past
/// instructions that neither touch memory nor trap, so the order of memory accesses and traps is kept.
/// Its address may fold a constant displacement but no index register (an indexed address with two spilled
/// operands and a spilled destination would need three scratch registers).
/// </summary>
internal sealed partial class X64Lowering
{
    /// <summary>An instruction no load may be moved across: it touches memory, may trap, calls, has other effects or
    /// ends the block.</summary>
    private bool IsFoldBarrier(Inst inst) =>
        (_dfg[inst].Opcode.Info().Flags & (OpcodeFlags.CanLoad | OpcodeFlags.CanStore | OpcodeFlags.CanTrap | OpcodeFlags.IsCall
            | OpcodeFlags.OtherSideEffects | OpcodeFlags.IsTerminator)) != 0;

    /// <summary>Each laid-out instruction's position in its block and 1 + the ordinal of that block (0: not in the
    /// layout), so the fold searches compare positions without a table per block.</summary>
    private (int[] Position, int[] Block) NumberInsts()
    {
        var position = new int[_dfg.NumInsts];
        var blockOf = new int[_dfg.NumInsts];
        int ordinal = 0;
        foreach (var block in _func.Layout.Blocks)
        {
            var insts = _func.Layout.BlockInsts(block);
            ordinal++;
            for (int i = 0; i < insts.Count; i++)
            {
                position[insts[i].Index] = i;
                blockOf[insts[i].Index] = ordinal;
            }
        }
        return (position, blockOf);
    }

    /// <summary>Whether <paramref name="earlier"/> lies in <paramref name="inst"/>'s block, at or before its position
    /// <paramref name="at"/> and not before the last barrier at <paramref name="lastBarrier"/>: a load that may move down to it.</summary>
    private bool MayMoveDownTo(Inst earlier, Inst inst, int at, int lastBarrier) =>
        _instBlock[earlier.Index] == _instBlock[inst.Index] && _instPosition[earlier.Index] <= at && _instPosition[earlier.Index] >= lastBarrier;

    /// <summary>Consumer instruction to the load folded into it, both in one block.</summary>
    private Dictionary<Inst, Inst> FindFoldableLoads()
    {
        var folds = new Dictionary<Inst, Inst>();
        foreach (var block in _func.Layout.Blocks)
        {
            var insts = _func.Layout.BlockInsts(block);
            // Position of the last instruction that touches memory or may trap.
            int lastBarrier = -1;
            for (int i = 0; i < insts.Count; i++)
            {
                var inst = insts[i];
                // A consumer folded away into addresses is never emitted, so it cannot carry a load either.
                if ((AluOpOf(inst) ?? FloatBitsAluOp(inst)) is not null && FoldableLoadOperand(inst) is { } load && MayMoveDownTo(load, inst, i, lastBarrier))
                    folds[inst] = load;
                if (IsFoldBarrier(inst)) lastBarrier = i;
            }
        }
        return folds;
    }

    private static AluOp? AluOpOf(InstructionData d) => d.Opcode switch
    {
        Opcode.Iadd => AluOp.Add, Opcode.Isub => AluOp.Sub, Opcode.Band => AluOp.And,
        Opcode.Bor => AluOp.Or, Opcode.Bxor => AluOp.Xor, Opcode.Imul => AluOp.Imul,
        _ => null,
    };

    private AluOp? AluOpOf(Inst inst) => _dfg.ControllingType(inst) is { IsInt: true, Bits: 32 or 64 } ? AluOpOf(_dfg[inst]) : null;

    /// <summary>The integer form of a bitwise and, or or xor on f32/f64: a candidate only for a load-op-store, where the bits
    /// go through a general register anyway (<see cref="KeepIntegerFolds"/> drops it otherwise).</summary>
    private AluOp? FloatBitsAluOp(Inst inst) =>
        _dfg.ControllingType(inst).IsFloat && _dfg[inst].Opcode is Opcode.Band or Opcode.Bor or Opcode.Bxor ? AluOpOf(_dfg[inst]) : null;

    /// <summary>The folds without the float operations no load-op-store took: those keep their load and stay in xmm registers.</summary>
    private Dictionary<Inst, Inst> KeepIntegerFolds(Dictionary<Inst, Inst> folds, Dictionary<Inst, Inst> loadOpStores)
    {
        var taken = loadOpStores.Values.ToHashSet();
        foreach (var op in folds.Keys.Where(op => _dfg.ControllingType(op).IsFloat && !taken.Contains(op)).ToList()) folds.Remove(op);
        return folds;
    }

    /// <summary>The single-use plain load of the operation's type that can be its memory operand: the
    /// right operand, or the left one when the operation commutes.</summary>
    private Inst? FoldableLoadOperand(Inst inst)
    {
        var d = _dfg[inst];
        var type = _dfg.ControllingType(inst);
        Inst? Candidate(Value v)
        {
            if (!_dfg.IsValidValue(v)) return null;
            v = _dfg.ResolveAliases(v);
            var def = _dfg.ValueDef(v);
            if (def.Kind != ValueDefKind.Result || Uses[v] != 1) return null;
            var ld = _dfg[def.Inst];
            bool plain = ld.Opcode == Opcode.Load && ld.Args.Length == 1 && _dfg.IsValidValue(ld.Args[0]) && _dfg.ControllingType(def.Inst) == type && ld.Flags.Endianness != Endianness.Big
;
            return plain ? def.Inst : null;
        }
        if (d.Args.Length != 2 || d.Args[0] == d.Args[1]) return null;
        return Candidate(d.Args[1]) ?? (d.Opcode != Opcode.Isub ? Candidate(d.Args[0]) : null);
    }

    private bool IsFoldedLoad(Inst inst) => _foldedLoads.Contains(inst);

    /// <summary>The base register value and displacement of a folded load's address.</summary>
    private (Value Base, int Disp) FoldedLoadAddress(Inst load)
    {
        var ld = _dfg[load];
        var terms = AccessTerms(ld.Args[0], ld.Offset);
        return terms.Index is null ? (terms.Base, terms.Disp) : (ld.Args[0], ld.Offset);
    }

    /// <summary><c>dst = other; dst op= [address]</c> for an operation with a folded load operand.</summary>
    private bool LowerAluWithLoad(Inst inst)
    {
        if (!_loadFolds.TryGetValue(inst, out var load)) return false;
        var d = _dfg[inst];
        var loadResult = _dfg.ResolveAliases(_dfg.FirstResult(load));
        var other = _dfg.ResolveAliases(d.Args[1]) == loadResult ? d.Args[0] : d.Args[1];
        var ld = _dfg[load];
        var dst = Result(inst);
        Emit(MInst.Mov(dst, Get(other)));
        var (baseValue, disp) = FoldedLoadAddress(load);
        Emit(MInst.AluMem(AluOpOf(d)!.Value, dst, Get(baseValue), Amode.RegDisp(disp), OpSize(_dfg.ControllingType(inst)), trap: !ld.Flags.Notrap));
        return true;
    }
}
