using Stencil.Ir;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>clz, ctz and popcnt with the instructions of the CPU features a target names (lzcnt, tzcnt, popcnt), as
/// Cranelift's lowering picks them: each gives the operand width for zero, so no zero check is needed; narrow types
/// are widened first.</summary>
internal sealed partial class X64Lowering
{
    /// <summary>lzcnt of the 32/64-bit value; a narrow one is zero-extended to 64 bits and the extra leading zeros taken off.</summary>
    private Reg LeadingZerosByLzcnt(Reg x, IrType t)
    {
        if (t.Bits >= 32) return BitCount(BitCountOp.Lzcnt, x, OpSize(t));
        var n = BitCount(BitCountOp.Lzcnt, ZeroExtended(x, t), 8);
        Emit(MInst.AluRI(AluOp.Sub, n, 64 - t.Bits, 8));
        return n;
    }

    /// <summary>tzcnt of the 32/64-bit value; a narrow one is zero-extended with a stop bit just above its width.</summary>
    private Reg TrailingZerosByTzcnt(Reg x, IrType t)
    {
        if (t.Bits >= 32) return BitCount(BitCountOp.Tzcnt, x, OpSize(t));
        var src = ZeroExtended(x, t);
        Emit(MInst.AluRI(AluOp.Or, src, 1 << t.Bits, 4));
        return BitCount(BitCountOp.Tzcnt, src, 4);
    }

    /// <summary>popcnt of the 32/64-bit value; a narrow one is zero-extended to 32 bits first.</summary>
    private Reg PopCountByPopcnt(Reg x, IrType t) =>
        BitCount(BitCountOp.Popcnt, t.Bits < 32 ? ZeroExtended(x, t) : x, OpSize(t));

    private Reg BitCount(BitCountOp op, Reg src, int size)
    {
        var n = Temp();
        Emit(MInst.BitCount(op, n, src, size));
        return n;
    }

    private Reg ZeroExtended(Reg x, IrType t)
    {
        var r = Temp();
        Extend(r, x, t, signed: false);
        return r;
    }
}
