using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

/// <summary>
/// i128 values as a pair of 64-bit registers, low half first (<see cref="MachLowering{TInst}.Pair"/>). Sums and
/// differences chain the carry through the condition code (<c>algrk</c>/<c>alcgr</c>, <c>slgrk</c>/<c>slbgr</c>),
/// products take <c>mlgr</c>'s 64×64→128 product plus the cross terms, orderings subtract with borrow (signed ones
/// with the high halves' sign bits flipped), and memory holds the high half first unless it is little-endian.
/// </summary>
internal sealed partial class S390xLowering
{
    /// <summary>The i128 operands the other rules read: values passed on (returns, calls), a shift's amount (its low
    /// half counts) and a condition.</summary>
    private static bool TakesWideOperand(Opcode op, int index) =>
        op is Opcode.Return or Opcode.Call or Opcode.CallIndirect
        || (index == 1 && op is Opcode.Ishl or Opcode.Ushr or Opcode.Sshr or Opcode.Rotl or Opcode.Rotr)
        || (index == 0 && op is Opcode.Select or Opcode.SelectSpectreGuard or Opcode.Brif or Opcode.Trapz or Opcode.Trapnz or Opcode.Bmask);

    /// <summary>Lowers an instruction that makes an i128 or reads one other than as <see cref="TakesWideOperand"/>;
    /// false for the rest.</summary>
    private bool LowerI128(Inst inst)
    {
        var d = Dfg[inst];
        bool wide = Dfg.ControllingType(inst) == IrType.I128;
        switch (d.Opcode)
        {
            case Opcode.Iconst when wide:
            {
                // The immediate is zero-extended, as in Cranelift.
                var (lo, hi) = Pair(Dfg.FirstResult(inst));
                LoadConst(lo, d.Imm);
                Emit(I("lghi", Def(hi), Imm(0)));
                return true;
            }
            case Opcode.Iconcat when TypeOf(Dfg.FirstResult(inst)) == IrType.I128:
            {
                var (lo, hi) = Pair(Dfg.FirstResult(inst));
                Emit(S390xMInst.Move(lo, Get(d.Args[0])));
                Emit(S390xMInst.Move(hi, Get(d.Args[1])));
                return true;
            }
            case Opcode.Isplit when TypeOf(d.Args[0]) == IrType.I128:
            {
                var (lo, hi) = Pair(d.Args[0]);
                var results = Dfg.InstResults(inst);
                Emit(S390xMInst.Move(Get(results[0]), lo));
                Emit(S390xMInst.Move(Get(results[1]), hi));
                return true;
            }
            case Opcode.Bitcast when wide && TypeOf(d.Args[0]) == IrType.I128:
            {
                // The same type, so byte-order flags change nothing.
                var (a, r) = (Pair(d.Args[0]), Pair(Dfg.FirstResult(inst)));
                Emit(S390xMInst.Move(r.Lo, a.Lo));
                Emit(S390xMInst.Move(r.Hi, a.Hi));
                return true;
            }
            case Opcode.Uextend or Opcode.Sextend when wide:
            {
                var from = TypeOf(d.Args[0]);
                if (!from.IsInt || from.Bits >= 128) throw IsaDiagnostics.Malformed($"`{d.Opcode.Name()}.i128` of a {from} value");
                var (lo, hi) = Pair(Dfg.FirstResult(inst));
                bool signed = d.Opcode == Opcode.Sextend;
                Emit(ExtendInst(lo, Get(d.Args[0]), from, signed) ?? S390xMInst.Move(lo, Get(d.Args[0])));
                Emit(signed ? I("srag", Def(hi), Use(lo), Disp(63)) : I("lghi", Def(hi), Imm(0)));
                return true;
            }
            case Opcode.Ireduce when TypeOf(d.Args[0]) == IrType.I128:
                Emit(S390xMInst.Move(Result(inst), Pair(d.Args[0]).Lo));
                return true;
            case Opcode.Iadd or Opcode.Isub when wide:
                AddSub128(Pair(Dfg.FirstResult(inst)), Pair(d.Args[0]), Pair(d.Args[1]), d.Opcode == Opcode.Iadd);
                return true;
            case Opcode.Band or Opcode.Bor or Opcode.Bxor or Opcode.BandNot or Opcode.BorNot or Opcode.BxorNot when wide:
            {
                var (a, b, r) = (Parts(d.Args[0]), Parts(d.Args[1]), Parts(Dfg.FirstResult(inst)));
                for (int k = 0; k < 2; k++)
                    if (AluRules.TryGetValue(d.Opcode, out var alu)) Emit(I(alu, Def(r[k]), Use(a[k]), Use(b[k])));
                    else NegatedLogical(NotRules[d.Opcode], r[k], a[k], b[k]);
                return true;
            }
            case Opcode.Bnot when wide:
            {
                var (a, r) = (Parts(d.Args[0]), Parts(Dfg.FirstResult(inst)));
                for (int k = 0; k < 2; k++) Not(r[k], a[k]);
                return true;
            }
            case Opcode.Bitselect when wide:
            {
                var (c, a, b, r) = (Parts(d.Args[0]), Parts(d.Args[1]), Parts(d.Args[2]), Parts(Dfg.FirstResult(inst)));
                for (int k = 0; k < 2; k++) BitSelect(r[k], c[k], a[k], b[k]);
                return true;
            }
            case Opcode.Ineg when wide:
                AddSub128(Pair(Dfg.FirstResult(inst)), ZeroPair(), Pair(d.Args[0]), add: false);
                return true;
            case Opcode.Iabs when wide:
            {
                // The negation where the high half's sign says the value is negative.
                var (a, r) = (Pair(d.Args[0]), Pair(Dfg.FirstResult(inst)));
                var negated = (Lo: Temp(), Hi: Temp());
                AddSub128(negated, ZeroPair(), a, add: false);
                Emit(S390xMInst.Move(r.Lo, a.Lo));
                Emit(S390xMInst.Move(r.Hi, a.Hi));
                Emit(I("ltgr", Def(Temp()), Use(a.Hi)));
                Emit(I("locgr", Mod(r.Lo), Use(negated.Lo), Imm(4)));
                Emit(I("locgr", Mod(r.Hi), Use(negated.Hi), Imm(4)));
                return true;
            }
            case Opcode.Imul when wide:
                Multiply128(Pair(Dfg.FirstResult(inst)), Pair(d.Args[0]), Pair(d.Args[1]));
                return true;
            case Opcode.Icmp or Opcode.IcmpImm when TypeOf(d.Args[0]) == IrType.I128:
                Materialize(Result(inst), WideCompare(inst));
                return true;
            case Opcode.Select or Opcode.SelectSpectreGuard when wide:
            {
                var (t, f, r) = (Pair(d.Args[1]), Pair(d.Args[2]), Pair(Dfg.FirstResult(inst)));
                Emit(S390xMInst.Move(r.Lo, f.Lo));
                Emit(S390xMInst.Move(r.Hi, f.Hi));
                int mask = Condition(d.Args[0]);
                Emit(I("locgr", Mod(r.Lo), Use(t.Lo), Imm(mask)));
                Emit(I("locgr", Mod(r.Hi), Use(t.Hi), Imm(mask)));
                return true;
            }
            case Opcode.Bmask when wide:
            {
                var (lo, hi) = Pair(Dfg.FirstResult(inst));
                AllOnesIf(lo, d.Args[0]);
                Emit(S390xMInst.Move(hi, lo));
                return true;
            }
            case Opcode.UaddOverflow or Opcode.UsubOverflow or Opcode.SaddOverflow or Opcode.SsubOverflow when wide:
                LowerOverflow128(inst);
                return true;
        }
        return LowerI128Memory(inst) || LowerI128Shift(inst) || LowerI128Bits(inst);
    }

    private (Reg Lo, Reg Hi) ZeroPair()
    {
        var zero = Const(0);
        return (zero, zero);
    }

    /// <summary><paramref name="r"/> = <paramref name="a"/> ± <paramref name="b"/>, the low halves' carry or borrow
    /// passed on through the condition code, which the high half's operation leaves (2 or 3: carry; 0 or 1: borrow).</summary>
    private void AddSub128((Reg Lo, Reg Hi) r, (Reg Lo, Reg Hi) a, (Reg Lo, Reg Hi) b, bool add)
    {
        Emit(S390xMInst.Move(r.Hi, a.Hi));
        Emit(I(add ? "algrk" : "slgrk", Def(r.Lo), Use(a.Lo), Use(b.Lo)));
        Emit(I(add ? "alcgr" : "slbgr", Mod(r.Hi), Use(b.Hi)));
    }

    /// <summary>The low 128 bits of a product: the full product of the low halves (r4:r5) plus the two cross terms in
    /// the high half.</summary>
    private void Multiply128((Reg Lo, Reg Hi) r, (Reg Lo, Reg Hi) a, (Reg Lo, Reg Hi) b)
    {
        var cross1 = Temp();
        Emit(I("msgrkc", Def(cross1), Use(a.Lo), Use(b.Hi)));
        var cross2 = Temp();
        Emit(I("msgrkc", Def(cross2), Use(a.Hi), Use(b.Lo)));
        Emit(S390xMInst.Move(PairLow, a.Lo));
        Emit(I("mlgr", Def(PairHigh), Use(b.Lo), Implicit(PairLow, OperandKind.Mod)));
        Emit(S390xMInst.Move(r.Lo, PairLow));
        var high = Temp();
        Emit(I("agrk", Def(high), Use(PairHigh), Use(cross1)));
        Emit(I("agrk", Def(r.Hi), Use(high), Use(cross2)));
    }

    /// <summary>The compare of an i128 icmp and its mask, returned rather than emitted like <see cref="IntCompare"/>'s.</summary>
    private (int Mask, S390xMInst[] Compare) WideCompare(Inst inst)
    {
        var d = Dfg[inst];
        int mark = VCodeMark();
        // icmp_imm's immediate is sign-extended to 128 bits.
        var b = d.Opcode == Opcode.IcmpImm ? (Const(d.Imm), Const(d.Imm >> 63)) : Pair(d.Args[1]);
        int mask = CompareFlags128(d.IntCond, Pair(d.Args[0]), b);
        return (mask, [.. TakeSince(mark)]);
    }

    /// <summary>Sets the condition code for <paramref name="a"/> against <paramref name="b"/> and returns the mask
    /// under which <paramref name="cc"/> holds. Equality tests (a ^ b) of both halves for zero; an ordering is a
    /// 128-bit subtraction whose borrow says "less", the operands swapped for greater-than and less-or-equal, and
    /// for signed ones the sign bits flipped, which turns the signed order into the unsigned one.</summary>
    private int CompareFlags128(IntCC cc, (Reg Lo, Reg Hi) a, (Reg Lo, Reg Hi) b)
    {
        if (cc is IntCC.Equal or IntCC.NotEqual)
        {
            var lo = Temp();
            Emit(I("xgrk", Def(lo), Use(a.Lo), Use(b.Lo)));
            var hi = Temp();
            Emit(I("xgrk", Def(hi), Use(a.Hi), Use(b.Hi)));
            Emit(I("ogrk", Def(Temp()), Use(lo), Use(hi)));
            return cc == IntCC.Equal ? 8 : 7;
        }
        bool swap = cc is IntCC.SignedGreaterThan or IntCC.SignedLessThanOrEqual or IntCC.UnsignedGreaterThan or IntCC.UnsignedLessThanOrEqual;
        var (l, r) = swap ? (b, a) : (a, b);
        var high = Copy(l.Hi);
        var right = r.Hi;
        if (IsSigned(cc))
        {
            Emit(I("xihf", Mod(high), Imm(0x80000000)));
            right = Copy(r.Hi);
            Emit(I("xihf", Mod(right), Imm(0x80000000)));
        }
        Emit(I("slgrk", Def(Temp()), Use(l.Lo), Use(r.Lo)));
        Emit(I("slbgr", Mod(high), Use(right)));
        bool less = cc is IntCC.SignedLessThan or IntCC.UnsignedLessThan or IntCC.SignedGreaterThan or IntCC.UnsignedGreaterThan;
        return less ? 12 : 3;
    }

    /// <summary>(i128, overflowed): unsigned overflow is the high half's carry or borrow; signed overflow is the sign
    /// of (r ^ a) &amp; (r ^ b) for a sum (both operands' signs differ from the result's) and of (a ^ b) &amp; (a ^ r)
    /// for a difference.</summary>
    private void LowerOverflow128(Inst inst)
    {
        var d = Dfg[inst];
        var results = Dfg.InstResults(inst);
        var (r, flag) = (Pair(results[0]), Get(results[1]));
        var (a, b) = (Pair(d.Args[0]), Pair(d.Args[1]));
        bool add = d.Opcode is Opcode.UaddOverflow or Opcode.SaddOverflow;
        if (d.Opcode is Opcode.UaddOverflow or Opcode.UsubOverflow)
        {
            Emit(I("lghi", Def(flag), Imm(0)));
            AddSub128(r, a, b, add);
            Emit(I("locghi", Mod(flag), Imm(1), Imm(add ? 3 : 12)));
            return;
        }
        AddSub128(r, a, b, add);
        var x = Temp();
        var y = Temp();
        if (add)
        {
            Emit(I("xgrk", Def(x), Use(r.Hi), Use(a.Hi)));
            Emit(I("xgrk", Def(y), Use(r.Hi), Use(b.Hi)));
        }
        else
        {
            Emit(I("xgrk", Def(x), Use(a.Hi), Use(b.Hi)));
            Emit(I("xgrk", Def(y), Use(a.Hi), Use(r.Hi)));
        }
        var both = Temp();
        Emit(I("ngrk", Def(both), Use(x), Use(y)));
        Emit(I("srlg", Def(flag), Use(both), Disp(63)));
    }
}
