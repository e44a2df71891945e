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
        var n = Temp();
        if (t.Bits >= 32)
        {
            Emit(MInst.BitCount(BitCountOp.Lzcnt, n, x, OpSize(t)));
            return n;
        }
        var src = Temp();
        Extend(src, x, t, signed: false);
        Emit(MInst.BitCount(BitCountOp.Lzcnt, n, src, 8));
        Emit(MInst.AluRI(AluOp.Sub, n, 64 - t.Bits, 8));
        return n;
    }

    /// <summary>tzcnt of the 32/64-bit value; a narrow one is zero-extended with a stop bit just above its width.</summary>
    private Reg TrailingZerosByTzcnt(Reg x, IrType t)
    {
        var n = Temp();
        if (t.Bits >= 32)
        {
            Emit(MInst.BitCount(BitCountOp.Tzcnt, n, x, OpSize(t)));
            return n;
        }
        var src = Temp();
        Extend(src, x, t, signed: false);
        Emit(MInst.AluRI(AluOp.Or, src, 1 << t.Bits, 4));
        Emit(MInst.BitCount(BitCountOp.Tzcnt, n, src, 4));
        return n;
    }

    /// <summary>popcnt of the 32/64-bit value; a narrow one is zero-extended to 32 bits first.</summary>
    private Reg PopCountByPopcnt(Reg x, IrType t)
    {
        var n = Temp();
        var src = x;
        if (t.Bits < 32)
        {
            src = Temp();
            Extend(src, x, t, signed: false);
        }
        Emit(MInst.BitCount(BitCountOp.Popcnt, n, src, OpSize(t)));
        return n;
    }
}
