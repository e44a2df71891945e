using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xLowering
{
    /// <summary>Three-operand 64-bit forms of the binary integer operations (the low bits of a 64-bit result are the
    /// narrow result), and the immediate opcodes that lower as their register twin.</summary>
    private static readonly Dictionary<Opcode, string> AluRules = new()
    {
        [Opcode.Iadd] = "agrk", [Opcode.Isub] = "sgrk", [Opcode.Imul] = "msgrkc",
        [Opcode.Band] = "ngrk", [Opcode.Bor] = "ogrk", [Opcode.Bxor] = "xgrk",
    };

    private static readonly Dictionary<Opcode, Opcode> ImmTwins = new()
    {
        [Opcode.IaddImm] = Opcode.Iadd, [Opcode.ImulImm] = Opcode.Imul, [Opcode.BandImm] = Opcode.Band,
        [Opcode.BorImm] = Opcode.Bor, [Opcode.BxorImm] = Opcode.Bxor,
        [Opcode.UdivImm] = Opcode.Udiv, [Opcode.SdivImm] = Opcode.Sdiv, [Opcode.UremImm] = Opcode.Urem, [Opcode.SremImm] = Opcode.Srem,
    };

    /// <summary>The negated logical operations: (z15 instruction, z14 base operation whose second operand is inverted
    /// first, whether the whole result is inverted instead).</summary>
    private static readonly Dictionary<Opcode, (string Mie3, string Base, bool InvertResult)> NotRules = new()
    {
        [Opcode.BandNot] = ("ncgrk", "ngrk", false), [Opcode.BorNot] = ("ocgrk", "ogrk", false), [Opcode.BxorNot] = ("nxgrk", "xgrk", true),
    };

    protected override void LowerInst(Inst inst)
    {
        CheckShape(inst);
        var d = Dfg[inst];
        var ctrl = Dfg.ControllingType(inst);
        if (LowerI128(inst)) return;
        if (ctrl.IsVector || (ctrl == IrType.I128 && !TakesWideOperand(d.Opcode, 0)) || ctrl == IrType.F16 || ctrl == IrType.F128) throw IsaDiagnostics.Type(IsaName, ctrl, d.Opcode.Name());
        for (int i = 0; i < d.Args.Length; i++)
            if (TypeOf(d.Args[i]) is var t && (t.IsVector || (t == IrType.I128 && !TakesWideOperand(d.Opcode, i)) || t == IrType.F16 || t == IrType.F128))
                throw IsaDiagnostics.Type(IsaName, t, d.Opcode.Name());
        if (LowerFloatBitwise(inst) || LowerOverflowInst(inst)) return;
        if (AluRules.TryGetValue(d.Opcode, out var alu) && ctrl.IsInt)
        {
            Emit(I(alu, Def(Result(inst)), Use(Get(d.Args[0])), Use(Get(d.Args[1]))));
            return;
        }
        if (ImmTwins.TryGetValue(d.Opcode, out var twin) && ctrl.IsInt)
        {
            LowerWithImm(inst, twin, d.Imm);
            return;
        }
        if (NotRules.TryGetValue(d.Opcode, out var not) && ctrl.IsInt)
        {
            NegatedLogical(not, Result(inst), Get(d.Args[0]), Get(d.Args[1]));
            return;
        }
        switch (d.Opcode)
        {
            case Opcode.Nop:
                return;
            case Opcode.Iconst:
                LoadConst(Result(inst), d.Imm);
                return;
            case Opcode.IrsubImm:
            {
                var k = Const(d.Imm);
                Emit(I("sgrk", Def(Result(inst)), Use(k), Use(Get(d.Args[0]))));
                return;
            }
            case Opcode.Ineg:
                Emit(I("lcgr", Def(Result(inst)), Use(Get(d.Args[0]))));
                return;
            case Opcode.Bnot:
                Not(Result(inst), Get(d.Args[0]));
                return;
            case Opcode.Ishl or Opcode.Ushr or Opcode.Sshr or Opcode.Rotl or Opcode.Rotr:
                LowerShift(inst, d.Opcode, ctrl, Parts(d.Args[1])[0], null);
                return;
            case Opcode.IshlImm or Opcode.UshrImm or Opcode.SshrImm or Opcode.RotlImm or Opcode.RotrImm:
                LowerShift(inst, ShiftByRegister(d.Opcode), ctrl, null, d.Imm);
                return;
            case Opcode.Uextend or Opcode.Sextend:
            {
                var from = TypeOf(d.Args[0]);
                if (!from.IsInt || from.Bits >= ctrl.Bits) throw IsaDiagnostics.Malformed($"`{d.Opcode.Name()}.{ctrl}` of a {from} value");
                Emit(ExtendInst(Result(inst), Get(d.Args[0]), from, d.Opcode == Opcode.Sextend) ?? S390xMInst.Move(Result(inst), Get(d.Args[0])));
                return;
            }
            case Opcode.Ireduce:
                Emit(S390xMInst.Move(Result(inst), Get(d.Args[0])));
                return;
            case Opcode.Icmp or Opcode.IcmpImm:
                Materialize(Result(inst), IntCompare(inst));
                return;
            case Opcode.Select or Opcode.SelectSpectreGuard:
                LowerSelect(inst);
                return;
            case Opcode.Udiv or Opcode.Sdiv or Opcode.Urem or Opcode.Srem:
                LowerDivide(inst, d.Opcode, ctrl, Get(d.Args[1]));
                return;
            case Opcode.Jump:
                EmitBlockArgs(d.Destinations[0]);
                LowerJump(BlockIndexOf(d.Destinations[0].Block));
                return;
            case Opcode.Brif:
                Branch(Condition(d.Args[0]), Target(inst, 0, d.Destinations[0]), Target(inst, 1, d.Destinations[1]));
                return;
            case Opcode.BrTable:
                LowerBrTable(inst);
                return;
            case Opcode.Return:
                LowerReturn(inst);
                return;
            case Opcode.Trap:
                Emit(TrapAlways(d.Trap));
                return;
            case Opcode.Trapz or Opcode.Trapnz:
            {
                int mask = Condition(d.Args[0]);
                Emit(TrapIf(d.Opcode == Opcode.Trapnz ? mask : mask ^ 15, d.Trap));
                return;
            }
            case Opcode.Call or Opcode.CallIndirect:
                LowerCall(inst);
                return;
            case Opcode.Bitrev when ctrl.IsInt:
                LowerBitrev(inst, ctrl);
                return;
            case Opcode.Bmask:
                AllOnesIf(Result(inst), d.Args[0]);
                return;
            case Opcode.Bitselect when ctrl.IsInt:
                BitSelect(Result(inst), Get(d.Args[0]), Get(d.Args[1]), Get(d.Args[2]));
                return;
        }
        if (LowerBitInst(inst) || LowerMemoryInst(inst) || LowerFloatInst(inst) || LowerAtomicInst(inst)) return;
        throw Unsupported(inst);
    }

    /// <summary>An immediate operation as its register twin on a constant; adds of a 16-bit immediate use <c>aghik</c>.</summary>
    private void LowerWithImm(Inst inst, Opcode twin, long imm)
    {
        var d = Dfg[inst];
        var ctrl = Dfg.ControllingType(inst);
        var a = Get(d.Args[0]);
        if (twin == Opcode.Iadd && imm is >= short.MinValue and <= short.MaxValue)
        {
            Emit(I("aghik", Def(Result(inst)), Use(a), Imm(imm)));
            return;
        }
        var k = Const(imm);
        if (AluRules.TryGetValue(twin, out var alu)) Emit(I(alu, Def(Result(inst)), Use(a), Use(k)));
        else LowerDivide(inst, twin, ctrl, k);
    }

    private void NegatedLogical((string Mie3, string Base, bool InvertResult) not, Reg dst, Reg a, Reg b)
    {
        if (_features.HasMie3) Emit(I(not.Mie3, Def(dst), Use(a), Use(b)));
        else if (not.InvertResult) { Emit(I(not.Base, Def(dst), Use(a), Use(b))); Invert(dst); }
        else { var nb = Copy(b); Invert(nb); Emit(I(not.Base, Def(dst), Use(a), Use(nb))); }
    }

    private void Not(Reg dst, Reg src)
    {
        if (_features.HasMie3) Emit(I("nogrk", Def(dst), Use(src), Use(src)));
        else { Emit(S390xMInst.Move(dst, src)); Invert(dst); }
    }

    /// <summary>(a &amp; c) | (b &amp; ~c) as ((a ^ b) &amp; c) ^ b.</summary>
    private void BitSelect(Reg dst, Reg c, Reg a, Reg b)
    {
        var x = Temp();
        Emit(I("xgrk", Def(x), Use(a), Use(b)));
        var m = Temp();
        Emit(I("ngrk", Def(m), Use(x), Use(c)));
        Emit(I("xgrk", Def(dst), Use(m), Use(b)));
    }

    /// <summary>The shift or rotate by a register that an <c>_imm</c> form is.</summary>
    private static Opcode ShiftByRegister(Opcode immediateForm) => immediateForm switch
    {
        Opcode.IshlImm => Opcode.Ishl, Opcode.UshrImm => Opcode.Ushr, Opcode.SshrImm => Opcode.Sshr,
        Opcode.RotlImm => Opcode.Rotl, _ => Opcode.Rotr,
    };

    /// <summary>-1 in <paramref name="dst"/> when <paramref name="cond"/> is non-zero, else 0.</summary>
    private void AllOnesIf(Reg dst, Value cond)
    {
        Emit(I("lghi", Def(dst), Imm(0)));
        int mask = Condition(cond);
        Emit(I("locghi", Mod(dst), Imm(-1), Imm(mask)));
    }

    /// <summary>Inverts every bit of <paramref name="r"/> in place (z14 has no 64-bit not).</summary>
    private void Invert(Reg r)
    {
        Emit(I("xihf", Mod(r), Imm(0xFFFFFFFF)));
        Emit(I("xilf", Mod(r), Imm(0xFFFFFFFF)));
    }

    private Reg Copy(Reg r)
    {
        var t = Temp(r.Class);
        Emit(S390xMInst.Move(t, r));
        return t;
    }

    private Reg Const(long value)
    {
        var t = Temp();
        LoadConst(t, value);
        return t;
    }

    /// <summary>A 64-bit constant in the shortest form the immediates allow, two instructions at most.</summary>
    private void LoadConst(Reg dst, long value)
    {
        ulong u = (ulong)value;
        if (value is >= short.MinValue and <= short.MaxValue) Emit(I("lghi", Def(dst), Imm(value)));
        else if (value is >= int.MinValue and <= int.MaxValue) Emit(I("lgfi", Def(dst), Imm(value)));
        else if (u <= uint.MaxValue) Emit(I("llilf", Def(dst), Imm((long)u)));
        else if ((u & 0xFFFFFFFF) == 0) Emit(I("llihf", Def(dst), Imm((long)(u >> 32))));
        else
        {
            Emit(I("llihf", Def(dst), Imm((long)(u >> 32))));
            Emit(I("iilf", Mod(dst), Imm((long)(u & 0xFFFFFFFF))));
        }
    }

    /// <summary>The instruction extending the low <paramref name="from"/> bits of <paramref name="src"/> to 64, or
    /// null for i64.</summary>
    private static S390xMInst? ExtendInst(Reg dst, Reg src, IrType from, bool signed) => from.Bits switch
    {
        8 => I(signed ? "lgbr" : "llgcr", Def(dst), Use(src)),
        16 => I(signed ? "lghr" : "llghr", Def(dst), Use(src)),
        32 => I(signed ? "lgfr" : "llgfr", Def(dst), Use(src)),
        _ => null,
    };

    /// <summary><paramref name="src"/> extended to 64 bits (itself for i64).</summary>
    private Reg Extended(Reg src, IrType from, bool signed)
    {
        if (from.Bits >= 64) return src;
        var t = Temp();
        Emit(ExtendInst(t, src, from, signed)!);
        return t;
    }

    /// <summary>0 or 1 in <paramref name="dst"/> by the condition code set just before.</summary>
    private void Materialize(Reg dst, (int Mask, S390xMInst[] Compare) cond)
    {
        Emit(I("lghi", Def(dst), Imm(0)));
        foreach (var c in cond.Compare) Emit(c);
        Emit(I("locghi", Mod(dst), Imm(1), Imm(cond.Mask)));
    }

    /// <summary>Emits what sets the condition code for the value <paramref name="cond"/> and returns the mask under which
    /// it is true (non-zero). A compare in this function is re-evaluated here rather than read as 0/1.</summary>
    private int Condition(Value cond)
    {
        cond = Dfg.ResolveAliases(cond);
        var def = Dfg.ValueDef(cond);
        if (def.Kind == ValueDefKind.Result && Dfg[def.Inst].Opcode is Opcode.Icmp or Opcode.IcmpImm)
        {
            var (mask, insts) = IntCompare(def.Inst);
            foreach (var i in insts) Emit(i);
            return mask;
        }
        if (def.Kind == ValueDefKind.Result && Dfg[def.Inst].Opcode == Opcode.Fcmp)
            return FloatCompare(def.Inst);
        var t = TypeOf(cond);
        if (t == IrType.I128)
        {
            var (lo, hi) = Pair(cond);
            Emit(I("ogrk", Def(Temp()), Use(lo), Use(hi)));
            return 7;
        }
        if (!t.IsInt) throw IsaDiagnostics.Type(IsaName, t, "condition");
        var r = Extended(Get(cond), t, signed: false);
        Emit(I("ltgr", Def(Temp()), Use(r)));
        return 7;
    }

    /// <summary>Condition-code masks after a compare (0 equal, 1 first low, 2 first high).</summary>
    private static int MaskOf(IntCC cc) => cc switch
    {
        IntCC.Equal => 8, IntCC.NotEqual => 7,
        IntCC.SignedLessThan or IntCC.UnsignedLessThan => 4,
        IntCC.SignedLessThanOrEqual or IntCC.UnsignedLessThanOrEqual => 12,
        IntCC.SignedGreaterThan or IntCC.UnsignedGreaterThan => 2,
        _ => 10,
    };

    private static bool IsSigned(IntCC cc) => cc is IntCC.SignedLessThan or IntCC.SignedLessThanOrEqual or IntCC.SignedGreaterThan or IntCC.SignedGreaterThanOrEqual;

    /// <summary>The compare of an icmp (operands extended to 64 bits as its signedness says) and its mask; the
    /// instructions are returned, not emitted, so a branch can place them.</summary>
    private (int Mask, S390xMInst[] Compare) IntCompare(Inst inst)
    {
        var d = Dfg[inst];
        var t = TypeOf(d.Args[0]);
        if (t == IrType.I128) return WideCompare(inst);
        if (!t.IsInt) throw Unsupported(inst);
        bool signed = IsSigned(d.IntCond);
        var list = new List<S390xMInst>();
        Reg Ext(Reg r)
        {
            if (t.Bits >= 64) return r;
            var x = Temp();
            list.Add(ExtendInst(x, r, t, signed)!);
            return x;
        }
        var a = Ext(Get(d.Args[0]));
        Reg b;
        if (d.Opcode == Opcode.IcmpImm)
        {
            long imm = t.Bits >= 64 ? d.Imm : signed ? SignExtend(d.Imm, t.Bits) : ZeroExtend(d.Imm, t.Bits);
            if (signed && imm is >= short.MinValue and <= short.MaxValue) { list.Add(I("cghi", Use(a), Imm(imm))); return (MaskOf(d.IntCond), [.. list]); }
            if (!signed && imm is >= 0 and <= uint.MaxValue) { list.Add(I("clgfi", Use(a), Imm(imm))); return (MaskOf(d.IntCond), [.. list]); }
            b = Temp();
            var saved = VCodeMark();
            LoadConst(b, imm);
            list.AddRange(TakeSince(saved));
        }
        else b = Ext(Get(d.Args[1]));
        list.Add(I(signed ? "cgr" : "clgr", Use(a), Use(b)));
        return (MaskOf(d.IntCond), [.. list]);
    }

    private int VCodeMark() => VCode.Insts.Count;

    /// <summary>Removes and returns the instructions emitted since <paramref name="mark"/> (to place them elsewhere).</summary>
    private List<S390xMInst> TakeSince(int mark)
    {
        var taken = VCode.Insts.GetRange(mark, VCode.Insts.Count - mark);
        VCode.Insts.RemoveRange(mark, taken.Count);
        VCode.SrcLocs.RemoveRange(mark, taken.Count);
        return taken;
    }

    private static long SignExtend(long v, int bits) => bits >= 64 ? v : (v << (64 - bits)) >> (64 - bits);
    private static long ZeroExtend(long v, int bits) => bits >= 64 ? v : (long)((ulong)v & ((1UL << bits) - 1));

    private void LowerSelect(Inst inst)
    {
        var d = Dfg[inst];
        var dst = Result(inst);
        var (t, f) = (Get(d.Args[1]), Get(d.Args[2]));
        Emit(S390xMInst.Move(dst, f));
        int mask = Condition(d.Args[0]);
        Emit(dst.Class == RegClass.Int ? I("locgr", Mod(dst), Use(t), Imm(mask)) : FloatCondMove(mask, dst, t));
    }

    private void LowerBrTable(Inst inst)
    {
        var d = Dfg[inst];
        if (d.JumpTable.Index >= Dfg.JumpTables.Count) throw IsaDiagnostics.Malformed($"{d.JumpTable} does not exist");
        var jt = Dfg.JumpTables[(int)d.JumpTable.Index];
        var t = TypeOf(d.Args[0]);
        if (!t.IsInt) throw Unsupported(inst);
        var index = Extended(Get(d.Args[0]), t, signed: false);
        // A compare chain: each conditional branch falls through to the next compare (no second target).
        for (int k = 0; k < jt.Table.Length; k++)
        {
            int target = Target(inst, k + 1, jt.Table[k]);
            Emit(I("clgfi", Use(index), Imm(k)));
            Branch(8, target, -1);
        }
        LowerJump(Target(inst, 0, jt.Default));
    }
}
