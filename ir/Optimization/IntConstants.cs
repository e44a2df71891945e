using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>Reading and making integer constants of at most 64 bits, the ones the mid-end reasons about.
/// Bits are kept zero-extended to the type's width, as the reader and <see cref="InstBuilder"/> store them.</summary>
internal static class IntConstants
{
    public static bool IsFoldableType(IrType t) => t.IsInt && t.Bits <= 64;

    /// <summary>The value of <paramref name="v"/> when an <c>iconst</c> defines it.</summary>
    public static bool TryGet(DataFlowGraph dfg, Value v, out ulong bits)
    {
        bits = 0;
        var def = dfg.ValueDef(dfg.ResolveAliases(v));
        if (def.Kind != ValueDefKind.Result || dfg[def.Inst].Opcode != Opcode.Iconst) return false;
        var t = dfg.ValueType(v);
        if (!IsFoldableType(t)) return false;
        bits = Mask((ulong)dfg[def.Inst].Imm, t.Bits);
        return true;
    }

    public static ulong Mask(ulong v, int bits) => bits >= 64 ? v : v & ((1UL << bits) - 1);

    public static long SignExtend(ulong v, int bits) => bits >= 64 ? (long)v : ((long)(v << (64 - bits))) >> (64 - bits);

    public static bool IsPowerOfTwo(ulong v) => v != 0 && (v & (v - 1)) == 0;

    public static int Log2(ulong v) => 63 - System.Numerics.BitOperations.LeadingZeroCount(v);

    /// <summary>Turns <paramref name="inst"/> into <c>iconst.type bits</c>; its one result keeps its identity.</summary>
    public static void MakeIconst(DataFlowGraph dfg, Inst inst, IrType type, ulong bits) =>
        InstEdit.Become(dfg[inst], Opcode.Iconst, [], (long)Mask(bits, type.Bits), type);
}
