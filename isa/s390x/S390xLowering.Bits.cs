using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xLowering
{
    /// <summary>The even register of the pair that division, the wide multiply and <c>flogr</c> write (the odd one is
    /// r5). Both are caller-saved and pinned only around the one instruction.</summary>
    private static readonly Reg PairHigh = S390xRegs.Gpr(4);
    private static readonly Reg PairLow = S390xRegs.Gpr(5);

    /// <summary>Shifts and rotates by a register (<paramref name="amount"/>) or an immediate. The amount is the
    /// storage operand's address, of which the machine reads the low 6 bits; CLIF takes it modulo the type's width, so
    /// narrow types mask it first, and right shifts extend their operand to 64 bits.</summary>
    private void LowerShift(Inst inst, Opcode op, IrType t, Reg? amount, long? imm)
    {
        var d = Dfg[inst];
        var dst = Result(inst);
        int bits = t.Bits;
        MOperand Amount(Reg? r, long? k) => r is { } reg ? Mem(reg, 0) : Disp((k ?? 0) & (bits - 1));
        Reg? masked = amount;
        if (amount is { } a && bits < 64)
        {
            masked = Copy(a);
            Emit(I("nill", Mod(masked.Value), Imm(bits - 1)));
        }
        var src = Get(d.Args[0]);
        switch (op)
        {
            case Opcode.Ishl:
                Emit(I("sllg", Def(dst), Use(src), Amount(masked, imm)));
                return;
            case Opcode.Ushr or Opcode.Sshr:
                Emit(I(op == Opcode.Ushr ? "srlg" : "srag", Def(dst), Use(Extended(src, t, op == Opcode.Sshr)), Amount(masked, imm)));
                return;
        }
        // Rotates: rllg for i64 and rll for i32 rotate left; a right rotate is a left one by the negated amount.
        bool right = op == Opcode.Rotr;
        if (bits >= 32)
        {
            Reg? n = masked;
            long? k = imm;
            if (right && n is { } r) { n = Temp(); Emit(I("lcgr", Def(n.Value), Use(r))); }
            if (right && k is { } v) k = (bits - (v & (bits - 1))) & (bits - 1);
            Emit(I(bits == 64 ? "rllg" : "rll", Def(dst), Use(src), Amount(n, k)));
            return;
        }
        // i8 and i16: (x << n) | (x >> (bits - n)) on the zero-extended value, n already reduced.
        var x = Extended(src, t, signed: false);
        var left = Temp();
        var rightPart = Temp();
        if (imm is { } c)
        {
            long n = c & (bits - 1);
            if (right) n = (bits - n) & (bits - 1);
            Emit(I("sllg", Def(left), Use(x), Disp(n)));
            Emit(I("srlg", Def(rightPart), Use(x), Disp(bits - n)));
        }
        else
        {
            var n = masked!.Value;
            if (right) { var neg = Temp(); Emit(I("lcgr", Def(neg), Use(n))); Emit(I("nill", Mod(neg), Imm(bits - 1))); n = neg; }
            var back = Temp();
            Emit(I("lcgr", Def(back), Use(n)));
            Emit(I("aghi", Mod(back), Imm(bits)));
            Emit(I("sllg", Def(left), Use(x), Mem(n, 0)));
            Emit(I("srlg", Def(rightPart), Use(x), Mem(back, 0)));
        }
        Emit(I("ogrk", Def(dst), Use(left), Use(rightPart)));
    }

    /// <summary>Division and remainder on 64-bit operands in the r4:r5 pair, with Cranelift's traps made explicit: a zero
    /// divisor is int_divz, the signed minimum divided by -1 int_ovf, and its remainder 0 (the divisor becomes 1).</summary>
    private void LowerDivide(Inst inst, Opcode op, IrType t, Reg divisorReg)
    {
        var d = Dfg[inst];
        bool signed = op is Opcode.Sdiv or Opcode.Srem;
        bool rem = op is Opcode.Urem or Opcode.Srem;
        var a = Extended(Get(d.Args[0]), t, signed);
        var b = Extended(divisorReg, t, signed);
        Emit(I("ltgr", Def(Temp()), Use(b)));
        Emit(TrapIf(8, TrapCode.IntegerDivisionByZero));
        if (signed && !rem)
        {
            // Both zero exactly for (MIN, -1): (b + 1) | (a ^ MIN).
            var plusOne = Temp();
            Emit(I("aghik", Def(plusOne), Use(b), Imm(1)));
            var min = Const(t.Bits >= 64 ? long.MinValue : -(1L << (t.Bits - 1)));
            var diff = Temp();
            Emit(I("xgrk", Def(diff), Use(a), Use(min)));
            Emit(I("ogrk", Def(Temp()), Use(plusOne), Use(diff)));
            Emit(TrapIf(8, TrapCode.IntegerOverflow));
        }
        if (signed && rem)
        {
            var one = Copy(b);
            Emit(I("cghi", Use(one), Imm(-1)));
            Emit(I("locghi", Mod(one), Imm(1), Imm(8)));
            b = one;
        }
        Emit(S390xMInst.Move(PairLow, a));
        if (signed) Emit(I("dsgr", Def(PairHigh), Use(b), Implicit(PairLow, OperandKind.Mod)));
        else
        {
            Emit(I("lghi", Def(PairHigh), Imm(0)));
            Emit(I("dlgr", Mod(PairHigh), Use(b), Implicit(PairLow, OperandKind.Mod)));
        }
        Emit(S390xMInst.Move(Result(inst), rem ? PairHigh : PairLow));
    }

    private bool LowerBitInst(Inst inst)
    {
        var d = Dfg[inst];
        var t = Dfg.ControllingType(inst);
        if (!t.IsInt) return false;
        switch (d.Opcode)
        {
            case Opcode.Umulhi or Opcode.Smulhi:
            {
                bool signed = d.Opcode == Opcode.Smulhi;
                var (a, b) = (Get(d.Args[0]), Get(d.Args[1]));
                if (t.Bits < 64)
                {
                    var p = Temp();
                    Emit(I("msgrkc", Def(p), Use(Extended(a, t, signed)), Use(Extended(b, t, signed))));
                    Emit(I(signed ? "srag" : "srlg", Def(Result(inst)), Use(p), Disp(t.Bits)));
                    return true;
                }
                if (signed) Emit(I("mgrk", Def(PairHigh), Use(a), Use(b), Implicit(PairLow, OperandKind.Def)));
                else
                {
                    Emit(S390xMInst.Move(PairLow, a));
                    Emit(I("mlgr", Def(PairHigh), Use(b), Implicit(PairLow, OperandKind.Mod)));
                }
                Emit(S390xMInst.Move(Result(inst), PairHigh));
                return true;
            }
            case Opcode.Clz:
            {
                var x = Extended(Get(d.Args[0]), t, signed: false);
                Emit(I("flogr", Def(PairHigh), Use(x), Implicit(PairLow, OperandKind.Def)));
                if (t.Bits < 64) Emit(I("aghik", Def(Result(inst)), Use(PairHigh), Imm(t.Bits - 64)));
                else Emit(S390xMInst.Move(Result(inst), PairHigh));
                return true;
            }
            case Opcode.Cls:
            {
                // Leading bits equal to the sign, not counting it: clz of x ^ (x >> 63), minus one.
                var x = Extended(Get(d.Args[0]), t, signed: true);
                var sign = Temp();
                Emit(I("srag", Def(sign), Use(x), Disp(63)));
                var y = Temp();
                Emit(I("xgrk", Def(y), Use(x), Use(sign)));
                Emit(I("flogr", Def(PairHigh), Use(y), Implicit(PairLow, OperandKind.Def)));
                Emit(I("aghik", Def(Result(inst)), Use(PairHigh), Imm(t.Bits - 64 - 1)));
                return true;
            }
            case Opcode.Ctz:
                CountTrailingZeros(Result(inst), Get(d.Args[0]), t.Bits);
                return true;
            case Opcode.Popcnt:
                PopCount(Result(inst), Extended(Get(d.Args[0]), t, signed: false), t.Bits);
                return true;
            case Opcode.Bswap:
            {
                var (dst, x) = (Result(inst), Get(d.Args[0]));
                if (t.Bits == 64) Emit(I("lrvgr", Def(dst), Use(x)));
                else if (t.Bits == 32) Emit(I("lrvr", Def(dst), Use(x)));
                else if (t.Bits == 16)
                {
                    var r = Temp();
                    Emit(I("lrvr", Def(r), Use(x)));
                    Emit(I("srlg", Def(dst), Use(r), Disp(16)));
                }
                else return false;
                return true;
            }
            case Opcode.Iabs:
                Emit(I("lpgr", Def(Result(inst)), Use(Extended(Get(d.Args[0]), t, signed: true))));
                return true;
            case Opcode.Smin or Opcode.Smax or Opcode.Umin or Opcode.Umax:
            {
                bool signed = d.Opcode is Opcode.Smin or Opcode.Smax;
                bool min = d.Opcode is Opcode.Smin or Opcode.Umin;
                var a = Extended(Get(d.Args[0]), t, signed);
                var b = Extended(Get(d.Args[1]), t, signed);
                var dst = Result(inst);
                Emit(S390xMInst.Move(dst, a));
                Emit(I(signed ? "cgr" : "clgr", Use(a), Use(b)));
                // Take b where a is the wrong side of it.
                Emit(I("locgr", Mod(dst), Use(b), Imm(min ? 2 : 4)));
                return true;
            }
            case Opcode.UaddOverflowTrap:
            {
                var a = Extended(Get(d.Args[0]), t, signed: false);
                var b = Extended(Get(d.Args[1]), t, signed: false);
                var dst = Result(inst);
                if (t.Bits == 64)
                {
                    // A carry out leaves condition code 2 or 3.
                    Emit(I("algrk", Def(dst), Use(a), Use(b)));
                    Emit(TrapIf(3, d.Trap));
                    return true;
                }
                Emit(I("agrk", Def(dst), Use(a), Use(b)));
                Emit(I("clgfi", Use(dst), Imm((long)((1UL << t.Bits) - 1))));
                Emit(TrapIf(2, d.Trap));
                return true;
            }
        }
        return false;
    }

    /// <summary>The lowest set bit alone (x &amp; -x), whose leading zeros say where it is; a bit just above the type's
    /// width makes a zero input count as the width.</summary>
    private void CountTrailingZeros(Reg dst, Reg src, int bits)
    {
        var x = Copy(src);
        if (bits < 64) LoadBitAbove(x, bits);
        var neg = Temp();
        Emit(I("lcgr", Def(neg), Use(x)));
        var low = Temp();
        Emit(I("ngrk", Def(low), Use(x), Use(neg)));
        Emit(I("flogr", Def(PairHigh), Use(low), Implicit(PairLow, OperandKind.Def)));
        Emit(I("lghi", Def(dst), Imm(63)));
        Emit(I("sgr", Mod(dst), Use(PairHigh)));
        if (bits >= 64)
        {
            Emit(I("cghi", Use(PairHigh), Imm(64)));
            Emit(I("locghi", Mod(dst), Imm(64), Imm(8)));
        }
    }

    /// <summary>The number of one bits of the zero-extended <paramref name="x"/>.</summary>
    private void PopCount(Reg dst, Reg x, int bits)
    {
        if (_features.HasMie3) { Emit(I("popcnt", Def(dst), Use(x), Imm(8))); return; }
        var counts = Temp();
        Emit(I("popcnt", Def(counts), Use(x)));
        if (bits == 8) { Emit(S390xMInst.Move(dst, counts)); return; }
        // Sum the byte counts into the top byte: add the value shifted left by 32, 16, 8 (the zero-extended
        // value's upper bytes count 0, so this holds for every width).
        var sum = counts;
        for (int shift = 32; shift >= 8; shift /= 2)
        {
            var shifted = Temp();
            Emit(I("sllg", Def(shifted), Use(sum), Disp(shift)));
            var next = Temp();
            Emit(I("agrk", Def(next), Use(sum), Use(shifted)));
            sum = next;
        }
        Emit(I("srlg", Def(dst), Use(sum), Disp(56)));
    }

    /// <summary>Sets bit <paramref name="bit"/> (8, 16 or 32) of <paramref name="r"/> in place.</summary>
    private void LoadBitAbove(Reg r, int bit)
    {
        var one = Const(1L << bit);
        Emit(I("ogr", Mod(r), Use(one)));
    }
}
