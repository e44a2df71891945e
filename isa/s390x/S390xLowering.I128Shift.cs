using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xLowering
{
    /// <summary>i128 shifts and rotates by an amount of any integer type, of which the low 7 bits count (CLIF takes it
    /// modulo 128). A rotate ors a shift by n with the opposite shift by -n.</summary>
    private bool LowerI128Shift(Inst inst)
    {
        var d = Dfg[inst];
        if (Dfg.ControllingType(inst) != IrType.I128) return false;
        Opcode op;
        Reg amount;
        switch (d.Opcode)
        {
            case Opcode.Ishl or Opcode.Ushr or Opcode.Sshr or Opcode.Rotl or Opcode.Rotr:
                op = d.Opcode;
                amount = Parts(d.Args[1])[0];
                break;
            case Opcode.IshlImm or Opcode.UshrImm or Opcode.SshrImm or Opcode.RotlImm or Opcode.RotrImm:
                op = ShiftByRegister(d.Opcode);
                amount = Const(d.Imm & 127);
                break;
            default:
                return false;
        }
        var x = Pair(d.Args[0]);
        var r = Pair(Dfg.FirstResult(inst));
        if (op is Opcode.Ishl) ShiftLeft128(r, x, amount);
        else if (op is Opcode.Ushr or Opcode.Sshr) ShiftRight128(r, x, amount, arithmetic: op == Opcode.Sshr);
        else
        {
            var negated = Temp();
            Emit(I("lcgr", Def(negated), Use(amount)));
            var (forward, back) = ((Lo: Temp(), Hi: Temp()), (Lo: Temp(), Hi: Temp()));
            if (op == Opcode.Rotl) { ShiftLeft128(forward, x, amount); ShiftRight128(back, x, negated, arithmetic: false); }
            else { ShiftRight128(forward, x, amount, arithmetic: false); ShiftLeft128(back, x, negated); }
            Emit(I("ogrk", Def(r.Lo), Use(forward.Lo), Use(back.Lo)));
            Emit(I("ogrk", Def(r.Hi), Use(forward.Hi), Use(back.Hi)));
        }
        return true;
    }

    /// <summary>For n mod 64: lo &lt;&lt; n, and hi &lt;&lt; n | lo &gt;&gt; (64 - n) with that last shift done as
    /// (lo &gt;&gt; 1) &gt;&gt; (63 - n), which is 0 for n = 0 (the machine reads only 6 bits of an amount). When bit 6
    /// of n is set, the low result moves up a half and zeros come in.</summary>
    private void ShiftLeft128((Reg Lo, Reg Hi) r, (Reg Lo, Reg Hi) x, Reg n)
    {
        var low = Temp();
        Emit(I("sllg", Def(low), Use(x.Lo), Mem(n, 0)));
        var high = Temp();
        Emit(I("sllg", Def(high), Use(x.Hi), Mem(n, 0)));
        var half = Temp();
        Emit(I("srlg", Def(half), Use(x.Lo), Disp(1)));
        var carried = Temp();
        Emit(I("srlg", Def(carried), Use(half), Mem(Inverted(n), 0)));
        Emit(I("ogrk", Def(r.Hi), Use(high), Use(carried)));
        Emit(S390xMInst.Move(r.Lo, low));
        Emit(I("tmll", Use(n), Imm(64)));
        Emit(I("locgr", Mod(r.Hi), Use(low), Imm(1)));
        Emit(I("locghi", Mod(r.Lo), Imm(0), Imm(1)));
    }

    /// <summary>The mirror of <see cref="ShiftLeft128"/>; an arithmetic shift fills with the sign of the high half.</summary>
    private void ShiftRight128((Reg Lo, Reg Hi) r, (Reg Lo, Reg Hi) x, Reg n, bool arithmetic)
    {
        var high = Temp();
        Emit(I(arithmetic ? "srag" : "srlg", Def(high), Use(x.Hi), Mem(n, 0)));
        var low = Temp();
        Emit(I("srlg", Def(low), Use(x.Lo), Mem(n, 0)));
        var half = Temp();
        Emit(I("sllg", Def(half), Use(x.Hi), Disp(1)));
        var carried = Temp();
        Emit(I("sllg", Def(carried), Use(half), Mem(Inverted(n), 0)));
        Emit(I("ogrk", Def(r.Lo), Use(low), Use(carried)));
        Emit(S390xMInst.Move(r.Hi, high));
        Reg? fill = null;
        if (arithmetic)
        {
            fill = Temp();
            Emit(I("srag", Def(fill.Value), Use(x.Hi), Disp(63)));
        }
        // tmll sets the condition code after every instruction above that changes it (srag).
        Emit(I("tmll", Use(n), Imm(64)));
        Emit(I("locgr", Mod(r.Lo), Use(high), Imm(1)));
        Emit(fill is { } f ? I("locgr", Mod(r.Hi), Use(f), Imm(1)) : I("locghi", Mod(r.Hi), Imm(0), Imm(1)));
    }

    /// <summary>~n, whose low 6 bits are 63 - (n mod 64).</summary>
    private Reg Inverted(Reg n)
    {
        var t = Copy(n);
        Emit(I("xilf", Mod(t), Imm(0xFFFFFFFF)));
        return t;
    }
}
