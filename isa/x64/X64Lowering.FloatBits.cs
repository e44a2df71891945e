using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>Bitwise operations on f32/f64 work on the bit patterns: the operands move to general
/// registers (movd/movq), the integer form runs there, and the result moves back.</summary>
internal sealed partial class X64Lowering
{
    private bool LowerFloatBitwise(Inst inst)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        int size = SizeOf(t);
        switch (d.Opcode)
        {
            case Opcode.Band or Opcode.Bor or Opcode.Bxor or Opcode.BandNot or Opcode.BorNot or Opcode.BxorNot:
            {
                var acc = Bits(d.Args[0], size);
                var other = Bits(d.Args[1], size);
                if (d.Opcode is Opcode.BandNot or Opcode.BorNot or Opcode.BxorNot) Emit(MInst.Un(UnaryOp.Not, other, 8));
                var op = d.Opcode switch
                {
                    Opcode.Band or Opcode.BandNot => AluOp.And,
                    Opcode.Bor or Opcode.BorNot => AluOp.Or,
                    _ => AluOp.Xor,
                };
                Emit(MInst.AluRR(op, acc, other, 8));
                Emit(MInst.GprToXmm(Result(inst), acc, size));
                return true;
            }
            case Opcode.Bnot:
            {
                var acc = Bits(d.Args[0], size);
                Emit(MInst.Un(UnaryOp.Not, acc, 8));
                Emit(MInst.GprToXmm(Result(inst), acc, size));
                return true;
            }
            case Opcode.Bitselect:
            {
                // y ^ ((x ^ y) & c) on the bit patterns.
                var c = Bits(d.Args[0], size);
                var acc = Bits(d.Args[1], size);
                var y = Bits(d.Args[2], size);
                Emit(MInst.AluRR(AluOp.Xor, acc, y, 8));
                Emit(MInst.AluRR(AluOp.And, acc, c, 8));
                Emit(MInst.AluRR(AluOp.Xor, acc, y, 8));
                Emit(MInst.GprToXmm(Result(inst), acc, size));
                return true;
            }
        }
        return false;
    }

    /// <summary>A fresh general register holding the float's bits (upper bits zero for f32).</summary>
    private Reg Bits(Value v, int size)
    {
        var r = Temp();
        Emit(MInst.XmmToGpr(r, Get(v), size));
        return r;
    }
}
