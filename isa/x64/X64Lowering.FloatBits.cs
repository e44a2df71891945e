using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>Bitwise operations on f32/f64 work on the bit patterns. and, or, xor, and-not and bitselect stay in xmm registers
/// (<c>andps</c>, <c>orps</c>, <c>xorps</c>, <c>andnps</c>), as Cranelift's lowering does; the upper lanes are unspecified
/// anyway. The rest have no packed form, so their operands move to general registers (movd/movq), the integer form runs
/// there, and the result moves back.</summary>
internal sealed partial class X64Lowering
{
    private bool LowerFloatBitwise(Inst inst)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        int size = SizeOf(t);
        switch (d.Opcode)
        {
            case Opcode.Band or Opcode.Bor or Opcode.Bxor:
            {
                var dst = Result(inst);
                Emit(MInst.Mov(dst, Get(d.Args[0])));
                var op = d.Opcode switch { Opcode.Band => FAluOp.And, Opcode.Bor => FAluOp.Or, _ => FAluOp.Xor };
                Emit(MInst.FAluRR(op, dst, Get(d.Args[1]), size));
                return true;
            }
            case Opcode.BandNot:
            {
                // andnps inverts its destination: x & ~y is ~y & x.
                var dst = Result(inst);
                Emit(MInst.Mov(dst, Get(d.Args[1])));
                Emit(MInst.FAluRR(FAluOp.AndNot, dst, Get(d.Args[0]), size));
                return true;
            }
            case Opcode.BorNot or Opcode.BxorNot:
            {
                var acc = Bits(d.Args[0], size);
                var other = Bits(d.Args[1], size);
                Emit(MInst.Un(UnaryOp.Not, other, 8));
                Emit(MInst.AluRR(d.Opcode == Opcode.BorNot ? AluOp.Or : AluOp.Xor, acc, other, 8));
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
                // y ^ ((x ^ y) & c).
                var c = Get(d.Args[0]);
                var y = Get(d.Args[2]);
                var dst = Result(inst);
                Emit(MInst.Mov(dst, Get(d.Args[1])));
                Emit(MInst.FAluRR(FAluOp.Xor, dst, y, size));
                Emit(MInst.FAluRR(FAluOp.And, dst, c, size));
                Emit(MInst.FAluRR(FAluOp.Xor, dst, y, size));
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
