using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

internal sealed partial class X64Lowering
{
    protected override void LowerInst(Inst inst)
    {
        CheckShape(inst);
        if (!IsLowered(inst) || IsFoldedLoad(inst)) return;
        var d = _dfg[inst];
        var ctrl = _dfg.ControllingType(inst);
        if (IsWide(inst) && LowerI128(inst)) return;
        if (ctrl.IsVector || ctrl == IrType.I128 || ctrl == IrType.F16 || ctrl == IrType.F128) throw IsaDiagnostics.Type(IsaName, ctrl, d.Opcode.Name());
        if (ctrl.IsFloat && LowerFloatBitwise(inst)) return;
        switch (d.Opcode)
        {
            case Opcode.Nop:
                return;
            case Opcode.Iconst:
                Emit(MInst.MovImm(Result(inst), d.Imm));
                return;
            case Opcode.Iadd or Opcode.Isub or Opcode.Band or Opcode.Bor or Opcode.Bxor or Opcode.Imul when LowerAluWithLoad(inst): return;
            case Opcode.Iadd when LowerAddAsLea(inst): return;
            case Opcode.Iadd: BinaryAlu(inst, AluOp.Add); return;
            case Opcode.Isub: BinaryAlu(inst, AluOp.Sub); return;
            case Opcode.Imul: BinaryAlu(inst, AluOp.Imul); return;
            case Opcode.Band: BinaryAlu(inst, AluOp.And); return;
            case Opcode.Bor: BinaryAlu(inst, AluOp.Or); return;
            case Opcode.Bxor: BinaryAlu(inst, AluOp.Xor); return;
            case Opcode.IaddImm when LowerAddAsLea(inst): return;
            case Opcode.IaddImm: BinaryAluImm(inst, AluOp.Add); return;
            case Opcode.ImulImm: BinaryAluImm(inst, AluOp.Imul); return;
            case Opcode.BandImm: BinaryAluImm(inst, AluOp.And); return;
            case Opcode.BorImm: BinaryAluImm(inst, AluOp.Or); return;
            case Opcode.BxorImm: BinaryAluImm(inst, AluOp.Xor); return;
            case Opcode.IrsubImm:
            {
                var dst = Result(inst);
                Emit(MInst.MovImm(dst, d.Imm));
                Emit(MInst.AluRR(AluOp.Sub, dst, Get(d.Args[0]), OpSize(ctrl)));
                return;
            }
            case Opcode.Ineg: UnaryAlu(inst, UnaryOp.Neg); return;
            case Opcode.Bnot: UnaryAlu(inst, UnaryOp.Not); return;
            case Opcode.Ushr or Opcode.Sshr or Opcode.UshrImm or Opcode.SshrImm when LowerShiftPairAsExtend(inst): return;
            case Opcode.Ishl: ShiftByReg(inst, ShiftOp.Shl); return;
            case Opcode.Ushr: ShiftByReg(inst, ShiftOp.Shr); return;
            case Opcode.Sshr: ShiftByReg(inst, ShiftOp.Sar); return;
            case Opcode.Rotl: ShiftByReg(inst, ShiftOp.Rol); return;
            case Opcode.Rotr: ShiftByReg(inst, ShiftOp.Ror); return;
            case Opcode.IshlImm: ShiftByImm(inst, ShiftOp.Shl, d.Imm); return;
            case Opcode.UshrImm: ShiftByImm(inst, ShiftOp.Shr, d.Imm); return;
            case Opcode.SshrImm: ShiftByImm(inst, ShiftOp.Sar, d.Imm); return;
            case Opcode.RotlImm: ShiftByImm(inst, ShiftOp.Rol, d.Imm); return;
            case Opcode.RotrImm: ShiftByImm(inst, ShiftOp.Ror, d.Imm); return;
            case Opcode.Uextend or Opcode.Sextend:
            {
                var from = TypeOf(d.Args[0]);
                if (!from.IsInt || from.Bits >= ctrl.Bits) throw IsaDiagnostics.Malformed($"`{d.Opcode.Name()}.{ctrl}` of a {from} value");
                // An icmp's 0 or 1 is already extended to 64 bits by its setcc and movzx, a narrow load's value by its movzx.
                if (DefiningCompare(d.Args[0]) is not null || d.Opcode == Opcode.Uextend && IsZeroExtendedLoad(d.Args[0]))
                {
                    Emit(MInst.Mov(Result(inst), Get(d.Args[0])));
                    return;
                }
                Extend(Result(inst), Get(d.Args[0]), from, d.Opcode == Opcode.Sextend);
                return;
            }
            case Opcode.Ireduce:
                Emit(MInst.Mov(Result(inst), Get(d.Args[0])));
                return;
            case Opcode.Icmp or Opcode.IcmpImm:
                Emit(MInst.Setcc(EmitIntCompare(inst), Result(inst)));
                return;
            case Opcode.Select:
                LowerSelect(inst);
                return;
            case Opcode.Udiv: Divide(inst, DivKind.Udiv, ConstDivisor(inst)); return;
            case Opcode.Sdiv: Divide(inst, DivKind.Sdiv, ConstDivisor(inst)); return;
            case Opcode.Urem: Divide(inst, DivKind.Urem, ConstDivisor(inst)); return;
            case Opcode.Srem: Divide(inst, DivKind.Srem, ConstDivisor(inst)); return;
            case Opcode.UdivImm: Divide(inst, DivKind.Udiv, d.Imm); return;
            case Opcode.SdivImm: Divide(inst, DivKind.Sdiv, d.Imm); return;
            case Opcode.UremImm: Divide(inst, DivKind.Urem, d.Imm); return;
            case Opcode.SremImm: Divide(inst, DivKind.Srem, d.Imm); return;
            case Opcode.Jump:
                EmitBlockArgs(d.Destinations[0]);
                Jump(BlockIndexOf(d.Destinations[0].Block));
                return;
            case Opcode.Brif:
            {
                var cc = LowerCondition(d.Args[0]);
                Branch(cc, Target(inst, 0, d.Destinations[0]), Target(inst, 1, d.Destinations[1]));
                return;
            }
            case Opcode.BrTable:
                LowerBrTable(inst);
                return;
            case Opcode.Return:
                LowerReturn(inst);
                return;
            case Opcode.Trap:
                Emit(MInst.Ud2(d.Trap));
                return;
            case Opcode.Trapz or Opcode.Trapnz:
            {
                var cc = LowerCondition(d.Args[0]);
                Emit(MInst.TrapIf(d.Opcode == Opcode.Trapnz ? cc : cc.Invert(), d.Trap));
                return;
            }
            case Opcode.Call or Opcode.CallIndirect:
                LowerCall(inst);
                return;
            case Opcode.FuncAddr:
            {
                var ext = ExtFunc(d.FuncRef);
                Emit(MInst.LeaSymbol(Result(inst), ext.Name, 0, viaGot: !ext.Colocated || _flags.IsPic));
                return;
            }
            case Opcode.TlsValue:
                LowerTlsValue(inst);
                return;
            case Opcode.SymbolValue or Opcode.GlobalValue:
                Emit(MInst.Mov(Result(inst), GlobalValueReg(d.GlobalValue, 0)));
                return;
            case Opcode.StackAddr:
                Emit(MInst.Lea(Result(inst), SlotAmode(d.StackSlot, d.Offset)));
                return;
            case Opcode.StackLoad:
                Emit(MInst.Load(Result(inst), null, SlotAmode(d.StackSlot, d.Offset), SizeOf(ctrl), false));
                return;
            case Opcode.StackStore:
                Emit(MInst.Store(Get(d.Args[0]), null, SlotAmode(d.StackSlot, d.Offset), SizeOf(TypeOf(d.Args[0]))));
                return;
            case Opcode.Load or Opcode.Uload8 or Opcode.Sload8 or Opcode.Uload16 or Opcode.Sload16 or Opcode.Uload32 or Opcode.Sload32:
                LowerLoad(inst);
                return;
            case Opcode.Store or Opcode.Istore8 or Opcode.Istore16 or Opcode.Istore32:
                LowerStore(inst);
                return;
        }
        if (LowerBitInst(inst) || LowerFloatInst(inst) || LowerAtomicInst(inst)) return;
        throw Unsupported(inst);
    }

    private Reg Result(Inst inst)
    {
        if (!_dfg.HasResults(inst)) throw IsaDiagnostics.Malformed($"{inst} has no result");
        return Get(_dfg.FirstResult(inst));
    }

    private void RequireInt(Inst inst, IrType t)
    {
        if (!t.IsInt) throw Unsupported(inst);
    }

    private void BinaryAlu(Inst inst, AluOp op)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        if (t.IsFloat) { if (LowerFloatInst(inst)) return; throw Unsupported(inst); }
        RequireInt(inst, t);
        var dst = Result(inst);
        int immediate = ImmediateArg(inst);
        if (immediate >= 0)
        {
            int imm = Imm32Of(d.Args[immediate], t)!.Value;
            if (op == AluOp.Imul) { Emit(MInst.ImulImm(dst, Get(d.Args[1 - immediate]), imm, OpSize(t))); return; }
            Emit(MInst.Mov(dst, Get(d.Args[1 - immediate])));
            Emit(MInst.AluRI(op, dst, imm, OpSize(t)));
            return;
        }
        Emit(MInst.Mov(dst, Get(d.Args[0])));
        Emit(MInst.AluRR(op, dst, Get(d.Args[1]), OpSize(t)));
    }

    private void BinaryAluImm(Inst inst, AluOp op)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        RequireInt(inst, t);
        var dst = Result(inst);
        if (op == AluOp.Imul && (t.Bits <= 32 || d.Imm is >= int.MinValue and <= int.MaxValue))
        {
            Emit(MInst.ImulImm(dst, Get(d.Args[0]), (int)d.Imm, OpSize(t)));
            return;
        }
        Emit(MInst.Mov(dst, Get(d.Args[0])));
        if (d.Imm is >= int.MinValue and <= int.MaxValue) Emit(MInst.AluRI(op, dst, (int)d.Imm, OpSize(t)));
        else Emit(MInst.AluRR(op, dst, Const(d.Imm), OpSize(t)));
    }

    private Reg Const(long value)
    {
        var r = Temp();
        Emit(MInst.MovImm(r, value));
        return r;
    }

    private void UnaryAlu(Inst inst, UnaryOp op)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        if (t.IsFloat) { if (LowerFloatInst(inst)) return; throw Unsupported(inst); }
        RequireInt(inst, t);
        var dst = Result(inst);
        Emit(MInst.Mov(dst, Get(d.Args[0])));
        Emit(MInst.Un(op, dst, OpSize(t)));
    }

    /// <summary>Shifts take the amount modulo the type width; x86 masks to 5 or 6 bits only, so narrow types mask explicitly.</summary>
    private void ShiftByReg(Inst inst, ShiftOp op)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        RequireInt(inst, t);
        RequireInt(inst, TypeOf(d.Args[1]));
        if (ImmediateArg(inst) == 1)
        {
            ShiftByImm(inst, op, ConstOf(d.Args[1])!.Value);
            return;
        }
        var dst = Result(inst);
        Emit(MInst.Mov(dst, Get(d.Args[0])));
        Emit(MInst.Mov(X64Regs.Rcx, ShiftAmount(d.Args[1])));
        if (t.Bits < 32 && op is not (ShiftOp.Rol or ShiftOp.Ror)) Emit(MInst.AluRI(AluOp.And, X64Regs.Rcx, t.Bits - 1, 4));
        Emit(MInst.ShiftCl(op, dst, SizeOf(t)));
    }

    private void ShiftByImm(Inst inst, ShiftOp op, long imm)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        RequireInt(inst, t);
        var dst = Result(inst);
        Emit(MInst.Mov(dst, Get(d.Args[0])));
        int amount = (int)(imm & (t.Bits - 1));
        if (amount != 0) Emit(MInst.ShiftRI(op, dst, amount, SizeOf(t)));
    }

    /// <summary>Extends the low bits of <paramref name="src"/> (of type <paramref name="from"/>) into all 64 bits of <paramref name="dst"/>.</summary>
    private void Extend(Reg dst, Reg src, IrType from, bool signed)
    {
        if (from.Bits >= 64) Emit(MInst.Mov(dst, src));
        else if (from.Bits == 32 && !signed) Emit(MInst.Mov(dst, src, 4));
        else Emit(MInst.Extend(dst, src, from.Bytes, signed));
    }

    private static CondCode IntCond(IntCC cc) => cc switch
    {
        IntCC.Equal => CondCode.E,
        IntCC.NotEqual => CondCode.NE,
        IntCC.SignedLessThan => CondCode.L,
        IntCC.SignedGreaterThanOrEqual => CondCode.GE,
        IntCC.SignedGreaterThan => CondCode.G,
        IntCC.SignedLessThanOrEqual => CondCode.LE,
        IntCC.UnsignedLessThan => CondCode.B,
        IntCC.UnsignedGreaterThanOrEqual => CondCode.AE,
        IntCC.UnsignedGreaterThan => CondCode.A,
        _ => CondCode.BE,
    };

    /// <summary>Emits the compare of an icmp / icmp_imm and returns the condition that means "true".</summary>
    private CondCode EmitIntCompare(Inst cmp)
    {
        var d = _dfg[cmp];
        var t = TypeOf(d.Args[0]);
        if (t == IrType.I128) return EmitWideCompare(cmp);
        RequireInt(cmp, t);
        int size = SizeOf(t);
        int immediate = ImmediateArg(cmp);
        if (immediate >= 0)
        {
            // A constant on the left compares the other way round.
            Emit(MInst.CmpImm(Get(d.Args[1 - immediate]), Imm32Of(d.Args[immediate], t)!.Value, size));
            return IntCond(immediate == 1 ? d.IntCond : d.IntCond.Swapped());
        }
        var a = Get(d.Args[0]);
        if (d.Opcode == Opcode.IcmpImm)
        {
            // The immediate is compared at the type's width: truncate it, then it must fit the sign-extended imm field.
            long imm = t.Bits < 64 ? (d.Imm << (64 - t.Bits)) >> (64 - t.Bits) : d.Imm;
            if (imm is >= int.MinValue and <= int.MaxValue) Emit(MInst.CmpImm(a, (int)imm, size));
            else Emit(MInst.Cmp(a, Const(imm), size));
        }
        else
        {
            RequireInt(cmp, TypeOf(d.Args[1]));
            Emit(MInst.Cmp(a, Get(d.Args[1]), size));
        }
        return IntCond(d.IntCond);
    }

    private void LowerSelect(Inst inst)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        RequireInt(inst, TypeOf(d.Args[0]));
        var dst = Result(inst);
        if (LowerSelectOnFloatCompare(inst)) return;
        if (t.IsInt)
        {
            var cc = LowerCondition(d.Args[0]);
            Emit(MInst.Mov(dst, Get(d.Args[2])));
            Emit(MInst.Cmov(cc, dst, Get(d.Args[1]), 8));
            return;
        }
        // No conditional move between xmm registers: select the bits in general registers.
        int size = SizeOf(t);
        var x = Temp();
        var y = Temp();
        Emit(MInst.XmmToGpr(x, Get(d.Args[1]), size));
        Emit(MInst.XmmToGpr(y, Get(d.Args[2]), size));
        var cc2 = LowerCondition(d.Args[0]);
        Emit(MInst.Cmov(cc2, y, x, 8));
        Emit(MInst.GprToXmm(dst, y, size));
    }

    /// <summary>A value loaded by a plain narrow load, which <see cref="LowerLoad"/> zero-extends to 64 bits.</summary>
    private bool IsZeroExtendedLoad(Value v)
    {
        var def = _dfg.ValueDef(_dfg.ResolveAliases(v));
        if (def.Kind != ValueDefKind.Result) return false;
        var t = TypeOf(v);
        return _dfg[def.Inst].Opcode == Opcode.Load && t.IsInt && t.Bits <= 32 && AccessAddressArg(def.Inst) is not null && !IsFoldedLoad(def.Inst);
    }

    private long? ConstDivisor(Inst inst) => ImmediateArg(inst) == 1 ? ConstOf(_dfg[inst].Args[1]) : null;

    /// <summary>Division through rax:rdx. Narrow types are extended to 32 bits first; the division
    /// instruction itself checks for zero (int_divz) and, when signed, for MIN / -1 (int_ovf).</summary>
    private void Divide(Inst inst, DivKind kind, long? imm)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        RequireInt(inst, t);
        bool signed = kind is DivKind.Sdiv or DivKind.Srem;
        int size = OpSize(t);
        var dividend = Temp();
        Extend(dividend, Get(d.Args[0]), t, signed);
        var divisor = Temp();
        if (imm is { } k)
        {
            // Extended here already, and known: the emitter checks only what this value can cause.
            long extended = signed || t.Bits >= 64 ? (k << (64 - t.Bits)) >> (64 - t.Bits) : k & (long)((1UL << t.Bits) - 1);
            Emit(MInst.MovImm(divisor, size == 4 ? (long)(uint)extended : extended));
            Emit(MInst.Mov(X64Regs.Rax, dividend));
            Emit(MInst.DivOp(kind, divisor, size, SizeOf(t), extended));
        }
        else
        {
            Emit(MInst.Mov(divisor, Get(d.Args[1])));
            if (t.Bits < 32) Extend(divisor, divisor, t, signed);
            Emit(MInst.Mov(X64Regs.Rax, dividend));
            Emit(MInst.DivOp(kind, divisor, size, SizeOf(t)));
        }
        Emit(MInst.Mov(Result(inst), kind is DivKind.Udiv or DivKind.Sdiv ? X64Regs.Rax : X64Regs.Rdx));
    }

    /// <summary>br_table as a chain of compares: entry k when index == k, else the default.</summary>
    private void LowerBrTable(Inst inst)
    {
        var d = _dfg[inst];
        if (d.JumpTable.Index >= _dfg.JumpTables.Count) throw IsaDiagnostics.Malformed($"{d.JumpTable} does not exist");
        var jt = _dfg.JumpTables[(int)d.JumpTable.Index];
        var t = TypeOf(d.Args[0]);
        RequireInt(inst, t);
        var index = Temp();
        Extend(index, Get(d.Args[0]), t, false);
        // Destination 0 is the default, 1.. the table entries (the order BranchDestinations uses). The
        // conditional jumps sit mid-block (no fall-through target); liveness stays correct because
        // everything live into a target is live out of, hence throughout, this block.
        for (int k = 0; k < jt.Table.Length; k++)
        {
            int target = Target(inst, k + 1, jt.Table[k]);
            Emit(MInst.CmpImm(index, k, 8));
            Emit(MInst.Jcc(CondCode.E, target, -1));
            AddSuccessor(target);
        }
        Jump(Target(inst, 0, jt.Default));
    }
}
