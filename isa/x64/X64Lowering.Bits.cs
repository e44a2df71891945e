using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

internal sealed partial class X64Lowering
{
    /// <summary>Min/max, overflow arithmetic, bit counting and other integer operations; false when
    /// <paramref name="inst"/> is none of them.</summary>
    private bool LowerBitInst(Inst inst)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        switch (d.Opcode)
        {
            case Opcode.Smin or Opcode.Smax or Opcode.Umin or Opcode.Umax when t.IsInt:
            {
                // dst = a; replace with b when a is on the wrong side of b.
                var a = Get(d.Args[0]);
                var b = Get(d.Args[1]);
                var dst = Result(inst);
                Emit(MInst.Cmp(a, b, SizeOf(t)));
                Emit(MInst.Mov(dst, a));
                var cc = d.Opcode switch { Opcode.Smin => CondCode.G, Opcode.Smax => CondCode.L, Opcode.Umin => CondCode.A, _ => CondCode.B };
                Emit(MInst.Cmov(cc, dst, b, 8));
                return true;
            }
            case Opcode.Iabs when t.IsInt:
            {
                // -a at the type's width; when that is negative (a > 0 or a == MIN) keep a.
                var a = Get(d.Args[0]);
                var dst = Result(inst);
                Emit(MInst.Mov(dst, a));
                Emit(MInst.Un(UnaryOp.Neg, dst, SizeOf(t)));
                Emit(MInst.Cmov(CondCode.S, dst, a, 8));
                return true;
            }
            case Opcode.BandNot when t.IsInt && t.Bits <= 64 && _flags.HasBmi1:
                Emit(MInst.Andn(Result(inst), Get(d.Args[1]), Get(d.Args[0]), OpSize(t)));
                return true;
            case Opcode.BandNot or Opcode.BorNot or Opcode.BxorNot when t.IsInt:
            {
                var nb = Temp();
                Emit(MInst.Mov(nb, Get(d.Args[1])));
                Emit(MInst.Un(UnaryOp.Not, nb, 8));
                var dst = Result(inst);
                Emit(MInst.Mov(dst, Get(d.Args[0])));
                Emit(MInst.AluRR(d.Opcode switch { Opcode.BandNot => AluOp.And, Opcode.BorNot => AluOp.Or, _ => AluOp.Xor }, dst, nb, OpSize(t)));
                return true;
            }
            case Opcode.Umulhi or Opcode.Smulhi when t.IsInt:
                MulHigh(inst, t, d.Opcode == Opcode.Smulhi);
                return true;
            case Opcode.UaddOverflow or Opcode.SaddOverflow or Opcode.UsubOverflow or Opcode.SsubOverflow when t.IsInt:
            {
                var rs = _dfg.InstResults(inst);
                var dst = Get(rs[0]);
                Emit(MInst.Mov(dst, Get(d.Args[0])));
                Emit(MInst.AluRR(d.Opcode is Opcode.UaddOverflow or Opcode.SaddOverflow ? AluOp.Add : AluOp.Sub, dst, Get(d.Args[1]), SizeOf(t)));
                Emit(MInst.Setcc(d.Opcode is Opcode.UaddOverflow or Opcode.UsubOverflow ? CondCode.B : CondCode.O, Get(rs[1])));
                return true;
            }
            case Opcode.UaddOverflowCin or Opcode.SaddOverflowCin or Opcode.UsubOverflowBin or Opcode.SsubOverflowBin when t.IsInt:
            {
                // neg sets CF exactly when the incoming carry/borrow is non-zero; mov leaves it alone.
                var carry = Temp();
                Emit(MInst.Mov(carry, Get(d.Args[2])));
                Emit(MInst.Un(UnaryOp.Neg, carry, 1));
                var rs = _dfg.InstResults(inst);
                var dst = Get(rs[0]);
                Emit(MInst.Mov(dst, Get(d.Args[0])));
                bool add = d.Opcode is Opcode.UaddOverflowCin or Opcode.SaddOverflowCin;
                Emit(MInst.AluRR(add ? AluOp.Adc : AluOp.Sbb, dst, Get(d.Args[1]), SizeOf(t)));
                Emit(MInst.Setcc(d.Opcode is Opcode.UaddOverflowCin or Opcode.UsubOverflowBin ? CondCode.B : CondCode.O, Get(rs[1])));
                return true;
            }
            case Opcode.UaddSat or Opcode.UsubSat when t.IsInt:
            {
                // On carry (borrow) the result saturates to all ones (zero).
                var limit = Const(d.Opcode == Opcode.UaddSat ? -1 : 0);
                var dst = Result(inst);
                Emit(MInst.Mov(dst, Get(d.Args[0])));
                Emit(MInst.AluRR(d.Opcode == Opcode.UaddSat ? AluOp.Add : AluOp.Sub, dst, Get(d.Args[1]), SizeOf(t)));
                Emit(MInst.Cmov(CondCode.B, dst, limit, 8));
                return true;
            }
            case Opcode.SaddSat or Opcode.SsubSat when t.IsInt:
            {
                // Signed overflow saturates toward the first operand's sign: MIN if it is negative, else MAX,
                // which is (a >> (bits-1)) ^ MAX.
                var a = Get(d.Args[0]);
                var limit = Temp();
                Emit(MInst.Mov(limit, a));
                Emit(MInst.ShiftRI(ShiftOp.Sar, limit, t.Bits - 1, SizeOf(t)));
                long max = t.Bits == 64 ? long.MaxValue : (1L << (t.Bits - 1)) - 1;
                if (t.Bits == 64) Emit(MInst.AluRR(AluOp.Xor, limit, Const(max), 8));
                else Emit(MInst.AluRI(AluOp.Xor, limit, (int)max, 8));
                var dst = Result(inst);
                Emit(MInst.Mov(dst, a));
                Emit(MInst.AluRR(d.Opcode == Opcode.SaddSat ? AluOp.Add : AluOp.Sub, dst, Get(d.Args[1]), SizeOf(t)));
                Emit(MInst.Cmov(CondCode.O, dst, limit, 8));
                return true;
            }
            case Opcode.UmulOverflow or Opcode.SmulOverflow when t.IsInt:
                MulOverflow(inst, t, d.Opcode == Opcode.SmulOverflow);
                return true;
            case Opcode.UaddOverflowTrap when t.IsInt:
            {
                var dst = Result(inst);
                Emit(MInst.Mov(dst, Get(d.Args[0])));
                Emit(MInst.AluRR(AluOp.Add, dst, Get(d.Args[1]), SizeOf(t)));
                Emit(MInst.TrapIf(CondCode.B, d.Trap));
                return true;
            }
            case Opcode.AvgRound when t.IsInt:
            {
                // (a + b + 1) >> 1 without the carry out: (a | b) - ((a ^ b) >> 1) on zero-extended operands.
                var x = Temp();
                var y = Temp();
                Extend(x, Get(d.Args[0]), t, signed: false);
                Extend(y, Get(d.Args[1]), t, signed: false);
                var diff = Temp();
                Emit(MInst.Mov(diff, x));
                Emit(MInst.AluRR(AluOp.Xor, diff, y, 8));
                Emit(MInst.ShiftRI(ShiftOp.Shr, diff, 1, 8));
                var dst = Result(inst);
                Emit(MInst.Mov(dst, x));
                Emit(MInst.AluRR(AluOp.Or, dst, y, 8));
                Emit(MInst.AluRR(AluOp.Sub, dst, diff, 8));
                return true;
            }
            case Opcode.Bitselect when t.IsInt:
            {
                // (c & x) | (~c & y), computed as y ^ ((x ^ y) & c).
                var dst = Result(inst);
                Emit(MInst.Mov(dst, Get(d.Args[1])));
                Emit(MInst.AluRR(AluOp.Xor, dst, Get(d.Args[2]), 8));
                Emit(MInst.AluRR(AluOp.And, dst, Get(d.Args[0]), 8));
                Emit(MInst.AluRR(AluOp.Xor, dst, Get(d.Args[2]), 8));
                return true;
            }
            case Opcode.SelectSpectreGuard:
                LowerSelect(inst);
                return true;
            case Opcode.Bmask when TypeOf(d.Args[0]).IsInt && t.IsInt:
            {
                var a = Get(d.Args[0]);
                var dst = Result(inst);
                Emit(MInst.Test(a, a, SizeOf(TypeOf(d.Args[0]))));
                Emit(MInst.Setcc(CondCode.NE, dst));
                Emit(MInst.Un(UnaryOp.Neg, dst, 8));
                return true;
            }
            case Opcode.Clz when t.IsInt:
                Emit(MInst.Mov(Result(inst), CountLeadingZeros(Get(d.Args[0]), t)));
                return true;
            case Opcode.Cls when t.IsInt:
            {
                // Leading bits equal to the sign, not counting the sign: clz(x ^ (x >> (bits-1))) - 1.
                var x = Get(d.Args[0]);
                var signs = Temp();
                Emit(MInst.Mov(signs, x));
                Emit(MInst.ShiftRI(ShiftOp.Sar, signs, t.Bits - 1, SizeOf(t)));
                Emit(MInst.AluRR(AluOp.Xor, signs, x, 8));
                var n = CountLeadingZeros(signs, t);
                Emit(MInst.AluRI(AluOp.Sub, n, 1, 8));
                Emit(MInst.Mov(Result(inst), n));
                return true;
            }
            case Opcode.Ctz when t.IsInt:
                Emit(MInst.Mov(Result(inst), CountTrailingZeros(Get(d.Args[0]), t)));
                return true;
            case Opcode.Popcnt when t.IsInt:
                Emit(MInst.Mov(Result(inst), PopCount(Get(d.Args[0]), t)));
                return true;
            case Opcode.Bswap when t.IsInt:
            {
                var dst = Result(inst);
                Emit(MInst.Mov(dst, Get(d.Args[0])));
                if (t.Bits == 16) Emit(MInst.ShiftRI(ShiftOp.Rol, dst, 8, 2));
                else if (t.Bits >= 32) Emit(MInst.Bswap(dst, SizeOf(t)));
                return true;
            }
            case Opcode.Bitrev when t.IsInt:
                Emit(MInst.Mov(Result(inst), BitReverse(Get(d.Args[0]), t)));
                return true;
            case Opcode.GetFramePointer:
                Emit(MInst.Mov(Result(inst), X64Regs.Rbp));
                return true;
            case Opcode.GetStackPointer:
                Emit(MInst.Mov(Result(inst), X64Regs.Rsp));
                return true;
            case Opcode.GetReturnAddress:
                Emit(MInst.Load(Result(inst), X64Regs.Rbp, Amode.RegDisp(8), 8, false));
                return true;
            case Opcode.Debugtrap:
                Emit(MInst.Int3());
                return true;
            case Opcode.Fence:
                Emit(MInst.Fence());
                return true;
            case Opcode.SequencePoint:
                return true;
        }
        return false;
    }

    /// <summary>High half of the double-width product. i32/i64 use the one-operand multiply; narrow
    /// types multiply their extensions in 32 bits and shift the high half down.</summary>
    private void MulHigh(Inst inst, IrType t, bool signed)
    {
        var d = _dfg[inst];
        var dst = Result(inst);
        if (t.Bits >= 32)
        {
            Emit(MInst.Mov(X64Regs.Rax, Get(d.Args[0])));
            Emit(MInst.MulWide(Get(d.Args[1]), SizeOf(t), signed));
            Emit(MInst.Mov(dst, X64Regs.Rdx));
            return;
        }
        var b = Temp();
        Extend(dst, Get(d.Args[0]), t, signed);
        Extend(b, Get(d.Args[1]), t, signed);
        Emit(MInst.AluRR(AluOp.Imul, dst, b, 4));
        Emit(MInst.ShiftRI(signed ? ShiftOp.Sar : ShiftOp.Shr, dst, t.Bits, 4));
    }

    private void MulOverflow(Inst inst, IrType t, bool signed)
    {
        var d = _dfg[inst];
        var rs = _dfg.InstResults(inst);
        var dst = Get(rs[0]);
        var flag = Get(rs[1]);
        if (t.Bits >= 32 && signed)
        {
            Emit(MInst.Mov(dst, Get(d.Args[0])));
            Emit(MInst.AluRR(AluOp.Imul, dst, Get(d.Args[1]), SizeOf(t)));
            Emit(MInst.Setcc(CondCode.O, flag));
            return;
        }
        if (t.Bits >= 32)
        {
            Emit(MInst.Mov(X64Regs.Rax, Get(d.Args[0])));
            Emit(MInst.MulWide(Get(d.Args[1]), SizeOf(t), signed: false));
            Emit(MInst.Setcc(CondCode.O, flag));
            Emit(MInst.Mov(dst, X64Regs.Rax));
            return;
        }
        // Narrow: the exact product fits 32 bits; it overflowed iff re-extending its low part changes it.
        var b = Temp();
        var full = Temp();
        Extend(full, Get(d.Args[0]), t, signed);
        Extend(b, Get(d.Args[1]), t, signed);
        Emit(MInst.AluRR(AluOp.Imul, full, b, 4));
        Extend(dst, full, t, signed);
        Emit(MInst.Cmp(dst, full, 4));
        Emit(MInst.Setcc(CondCode.NE, flag));
    }

    /// <summary>clz without lzcnt: bsr gives the top set bit's index, or sets ZF for zero (then -1),
    /// and the count is (width-1) - index.</summary>
    private Reg CountLeadingZeros(Reg x, IrType t)
    {
        if (_flags.HasLzcnt) return LeadingZerosByLzcnt(x, t);
        var src = x;
        if (t.Bits < 32) { src = Temp(); Extend(src, x, t, signed: false); }
        int size = OpSize(t);
        var idx = Temp();
        var minusOne = Temp();
        var n = Temp();
        Emit(MInst.BitScan(idx, src, reverse: true, size));
        Emit(MInst.MovImm(minusOne, -1));
        Emit(MInst.Cmov(CondCode.E, idx, minusOne, 8));
        Emit(MInst.MovImm(n, t.Bits - 1));
        Emit(MInst.AluRR(AluOp.Sub, n, idx, 8));
        return n;
    }

    /// <summary>ctz without tzcnt: bsf gives the lowest set bit's index and sets ZF for zero (then the width).</summary>
    private Reg CountTrailingZeros(Reg x, IrType t)
    {
        if (_flags.HasBmi1) return TrailingZerosByTzcnt(x, t);
        var src = x;
        if (t.Bits < 32) { src = Temp(); Extend(src, x, t, signed: false); }
        var idx = Temp();
        var width = Temp();
        Emit(MInst.BitScan(idx, src, reverse: false, OpSize(t)));
        Emit(MInst.MovImm(width, t.Bits));
        Emit(MInst.Cmov(CondCode.E, idx, width, 8));
        return idx;
    }

    /// <summary>Population count by the classic SWAR steps on the zero-extended value (no popcnt needed); types of up to
    /// 32 bits use 32-bit operations, whose masks fit an immediate.</summary>
    private Reg PopCount(Reg a, IrType t)
    {
        if (_flags.HasPopcnt && _flags.HasSse42) return PopCountByPopcnt(a, t);
        int s = t.Bits <= 32 ? 4 : 8;
        var x = Temp();
        Extend(x, a, t, signed: false);
        var tmp = Temp();
        // x -= (x >> 1) & 0x55..
        Emit(MInst.Mov(tmp, x));
        Emit(MInst.ShiftRI(ShiftOp.Shr, tmp, 1, s));
        AndMask(tmp, 0x5555_5555_5555_5555, s);
        Emit(MInst.AluRR(AluOp.Sub, x, tmp, s));
        // x = (x & 0x33..) + ((x >> 2) & 0x33..)
        var m2 = s == 8 ? Const(0x3333_3333_3333_3333) : (Reg?)null;
        var low = Temp();
        Emit(MInst.Mov(low, x));
        AndMask(low, 0x3333_3333_3333_3333, s, m2);
        Emit(MInst.ShiftRI(ShiftOp.Shr, x, 2, s));
        AndMask(x, 0x3333_3333_3333_3333, s, m2);
        Emit(MInst.AluRR(AluOp.Add, x, low, s));
        // x = (x + (x >> 4)) & 0x0f..
        var hi = Temp();
        Emit(MInst.Mov(hi, x));
        Emit(MInst.ShiftRI(ShiftOp.Shr, hi, 4, s));
        Emit(MInst.AluRR(AluOp.Add, x, hi, s));
        AndMask(x, 0x0F0F_0F0F_0F0F_0F0F, s);
        // Sum the bytes into the top byte.
        if (s == 8)
        {
            Emit(MInst.AluRR(AluOp.Imul, x, Const(0x0101_0101_0101_0101), 8));
            Emit(MInst.ShiftRI(ShiftOp.Shr, x, 56, 8));
            return x;
        }
        var sum = Temp();
        Emit(MInst.ImulImm(sum, x, 0x0101_0101, 4));
        Emit(MInst.ShiftRI(ShiftOp.Shr, sum, 24, 4));
        return sum;
    }

    /// <summary><c>r &amp;= mask</c>: an immediate in 32-bit operations, else the 64-bit mask in a register (<paramref name="loaded"/> or a new constant).</summary>
    private void AndMask(Reg r, long mask, int size, Reg? loaded = null) =>
        Emit(size == 4 ? MInst.AluRI(AluOp.And, r, (int)(uint)mask, 4) : MInst.AluRR(AluOp.And, r, loaded ?? Const(mask), 8));

    /// <summary>Reverses all 64 bits (swap bits, pairs, nibbles, then bytes), then shifts narrow types down.</summary>
    private Reg BitReverse(Reg a, IrType t)
    {
        var x = Temp();
        Emit(MInst.Mov(x, a));
        foreach (var (shift, mask) in new (int, long)[] { (1, 0x5555_5555_5555_5555), (2, 0x3333_3333_3333_3333), (4, 0x0F0F_0F0F_0F0F_0F0F) })
        {
            var m = Const(mask);
            var lowPart = Temp();
            Emit(MInst.Mov(lowPart, x));
            Emit(MInst.AluRR(AluOp.And, lowPart, m, 8));
            Emit(MInst.ShiftRI(ShiftOp.Shl, lowPart, shift, 8));
            Emit(MInst.ShiftRI(ShiftOp.Shr, x, shift, 8));
            Emit(MInst.AluRR(AluOp.And, x, m, 8));
            Emit(MInst.AluRR(AluOp.Or, x, lowPart, 8));
        }
        Emit(MInst.Bswap(x, 8));
        if (t.Bits < 64) Emit(MInst.ShiftRI(ShiftOp.Shr, x, 64 - t.Bits, 8));
        return x;
    }
}
