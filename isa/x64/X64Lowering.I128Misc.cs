using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>The less common i128 operations, each built from the 64-bit halves like their narrow forms.</summary>
internal sealed partial class X64Lowering
{
    private bool LowerWideMisc(Inst inst)
    {
        var d = _dfg[inst];
        switch (d.Opcode)
        {
            case Opcode.Iabs:
            {
                // 0 - a over both halves; sbb leaves the sign of the result, and a negative result
                // (a > 0, or a == MIN which wraps) means a itself is the answer.
                var (alo, ahi) = Pair(d.Args[0]);
                var (lo, hi) = Pair(_dfg.FirstResult(inst));
                Emit(MInst.Mov(lo, alo));
                Emit(MInst.MovImm(hi, 0));
                Emit(MInst.Un(UnaryOp.Neg, lo, 8));
                Emit(MInst.AluRR(AluOp.Sbb, hi, ahi, 8));
                Emit(MInst.Cmov(CondCode.S, lo, alo, 8));
                Emit(MInst.Cmov(CondCode.S, hi, ahi, 8));
                return true;
            }
            case Opcode.Bitselect:
            {
                // Per half: y ^ ((x ^ y) & c).
                var c = Parts(d.Args[0]);
                var x = Parts(d.Args[1]);
                var y = Parts(d.Args[2]);
                var r = Parts(_dfg.FirstResult(inst));
                for (int k = 0; k < 2; k++)
                {
                    Emit(MInst.Mov(r[k], x[k]));
                    Emit(MInst.AluRR(AluOp.Xor, r[k], y[k], 8));
                    Emit(MInst.AluRR(AluOp.And, r[k], c[k], 8));
                    Emit(MInst.AluRR(AluOp.Xor, r[k], y[k], 8));
                }
                return true;
            }
            case Opcode.Bitcast when TypeOf(d.Args[0]) == IrType.I128:
            {
                // Same type, so the byte-order flags cannot matter: a plain copy.
                var a = Parts(d.Args[0]);
                var r = Parts(_dfg.FirstResult(inst));
                for (int k = 0; k < 2; k++) Emit(MInst.Mov(r[k], a[k]));
                return true;
            }
            case Opcode.Cls:
            {
                // clz128(x ^ (x >> 127)) - 1: the xor clears the sign copies, the -1 drops the sign bit.
                var (alo, ahi) = Pair(d.Args[0]);
                var (rlo, rhi) = Pair(_dfg.FirstResult(inst));
                var signs = Temp();
                Emit(MInst.Mov(signs, ahi));
                Emit(MInst.ShiftRI(ShiftOp.Sar, signs, 63, 8));
                var xlo = Temp();
                var xhi = Temp();
                Emit(MInst.Mov(xlo, alo));
                Emit(MInst.AluRR(AluOp.Xor, xlo, signs, 8));
                Emit(MInst.Mov(xhi, ahi));
                Emit(MInst.AluRR(AluOp.Xor, xhi, signs, 8));
                var highCount = CountLeadingZeros(xhi, IrType.I64);
                var count = CountLeadingZeros(xlo, IrType.I64);
                Emit(MInst.AluRI(AluOp.Add, count, 63, 8));
                Emit(MInst.AluRI(AluOp.Sub, highCount, 1, 8));
                Emit(MInst.Test(xhi, xhi, 8));
                Emit(MInst.Cmov(CondCode.NE, count, highCount, 8));
                Emit(MInst.Mov(rlo, count));
                Emit(MInst.MovImm(rhi, 0));
                return true;
            }
            case Opcode.UaddOverflow or Opcode.SaddOverflow or Opcode.UsubOverflow or Opcode.SsubOverflow:
            {
                // The flags of the high half's adc/sbb are those of the whole 128-bit operation.
                bool add = d.Opcode is Opcode.UaddOverflow or Opcode.SaddOverflow;
                var (alo, ahi) = Pair(d.Args[0]);
                var (blo, bhi) = Pair(d.Args[1]);
                var rs = _dfg.InstResults(inst);
                var (lo, hi) = Pair(rs[0]);
                Emit(MInst.Mov(lo, alo));
                Emit(MInst.Mov(hi, ahi));
                Emit(MInst.AluRR(add ? AluOp.Add : AluOp.Sub, lo, blo, 8));
                Emit(MInst.AluRR(add ? AluOp.Adc : AluOp.Sbb, hi, bhi, 8));
                Emit(MInst.Setcc(d.Opcode is Opcode.UaddOverflow or Opcode.UsubOverflow ? CondCode.B : CondCode.O, Get(rs[1])));
                return true;
            }
        }
        return false;
    }
}
