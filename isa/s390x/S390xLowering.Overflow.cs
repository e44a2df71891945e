using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xLowering
{
    /// <summary>The overflow-reporting operations at 32 and 64 bits, where the instruction's condition code tells:
    /// (32-bit form, 64-bit form, mask of the overflow condition). Logical adds carry in CC 2 and 3, logical
    /// subtracts borrow in CC 0 and 1, arithmetic ones (and z14's msrkc/msgrkc) overflow in CC 3.</summary>
    private static readonly Dictionary<Opcode, (string W32, string W64, int Mask)> OverflowRules = new()
    {
        [Opcode.UaddOverflow] = ("alrk", "algrk", 3), [Opcode.UsubOverflow] = ("slrk", "slgrk", 12),
        [Opcode.SaddOverflow] = ("ark", "agrk", 1), [Opcode.SsubOverflow] = ("srk", "sgrk", 1),
        [Opcode.SmulOverflow] = ("msrkc", "msgrkc", 1),
    };

    /// <summary>(value, overflowed) pairs. Narrow types compute on extended operands and compare the result with its own
    /// re-extension (signed) or the type's range (unsigned); unsigned 64-bit multiplication checks the high half.</summary>
    private bool LowerOverflowInst(Inst inst)
    {
        var d = Dfg[inst];
        var t = Dfg.ControllingType(inst);
        if (!t.IsInt || d.Opcode is not (Opcode.UaddOverflow or Opcode.UsubOverflow or Opcode.SaddOverflow or Opcode.SsubOverflow
                or Opcode.SmulOverflow or Opcode.UmulOverflow)) return false;
        var results = Dfg.InstResults(inst);
        var (dst, flag) = (Get(results[0]), Get(results[1]));
        bool signed = d.Opcode is Opcode.SaddOverflow or Opcode.SsubOverflow or Opcode.SmulOverflow;
        if (t.Bits >= 32 && OverflowRules.TryGetValue(d.Opcode, out var rule))
        {
            Emit(I("lghi", Def(flag), Imm(0)));
            Emit(I(t.Bits == 64 ? rule.W64 : rule.W32, Def(dst), Use(Get(d.Args[0])), Use(Get(d.Args[1]))));
            Emit(I("locghi", Mod(flag), Imm(1), Imm(rule.Mask)));
            return true;
        }
        if (d.Opcode == Opcode.UmulOverflow && t.Bits == 64)
        {
            Emit(S390xMInst.Move(PairLow, Get(d.Args[0])));
            Emit(I("mlgr", Def(PairHigh), Use(Get(d.Args[1])), Implicit(PairLow, OperandKind.Mod)));
            Emit(S390xMInst.Move(dst, PairLow));
            Emit(I("lghi", Def(flag), Imm(0)));
            Emit(I("cghi", Use(PairHigh), Imm(0)));
            Emit(I("locghi", Mod(flag), Imm(1), Imm(7)));
            return true;
        }
        // Exact in 64 bits: i8/i16 sums and differences, and products of up to 32 bits.
        var a = Extended(Get(d.Args[0]), t, signed);
        var b = Extended(Get(d.Args[1]), t, signed);
        var wide = Temp();
        string op = d.Opcode switch { Opcode.UaddOverflow or Opcode.SaddOverflow => "agrk", Opcode.UsubOverflow or Opcode.SsubOverflow => "sgrk", _ => "msgrkc" };
        Emit(I(op, Def(wide), Use(a), Use(b)));
        Emit(S390xMInst.Move(dst, wide));
        // Overflowed iff the exact result differs from its own truncation extended back.
        var back = Extended(wide, t, signed);
        Emit(I("lghi", Def(flag), Imm(0)));
        Emit(I("cgr", Use(back), Use(wide)));
        Emit(I("locghi", Mod(flag), Imm(1), Imm(7)));
        return true;
    }

    /// <summary>Bitwise operations on floats work on their bits in general registers.</summary>
    private bool LowerFloatBitwise(Inst inst)
    {
        var d = Dfg[inst];
        var t = Dfg.ControllingType(inst);
        if (!t.IsFloat) return false;
        var op = d.Opcode switch
        {
            Opcode.Band => "ngrk", Opcode.Bor => "ogrk", Opcode.Bxor => "xgrk",
            Opcode.BandNot => "ncgrk", Opcode.BorNot => "ocgrk", Opcode.BxorNot => "nxgrk", Opcode.Bnot => "bnot", _ => null,
        };
        if (op is null) return false;
        var bits = d.Args.Select(a => { var g = Temp(); Emit(I("lgdr", Def(g), Use(Get(a)))); return g; }).ToArray();
        var r = Temp();
        if (op == "bnot") { Emit(S390xMInst.Move(r, bits[0])); Invert(r); }
        else if (op is "ncgrk" or "ocgrk" && !_features.HasMie3)
        {
            var nb = Copy(bits[1]);
            Invert(nb);
            Emit(I(op == "ncgrk" ? "ngrk" : "ogrk", Def(r), Use(bits[0]), Use(nb)));
        }
        else if (op == "nxgrk" && !_features.HasMie3) { Emit(I("xgrk", Def(r), Use(bits[0]), Use(bits[1]))); Invert(r); }
        else Emit(I(op, Def(r), Use(bits[0]), Use(bits[1])));
        Emit(I("ldgr", Def(Result(inst)), Use(r)));
        return true;
    }

    /// <summary>Reverses the bits of an i64 (adjacent bits, pairs and nibbles swapped by masks, then the bytes); a narrow
    /// type's reversed bits are then the top ones.</summary>
    private void LowerBitrev(Inst inst, IrType t) => BitReverse(Result(inst), Get(Dfg[inst].Args[0]), t.Bits);

    private void BitReverse(Reg dst, Reg x, int bits)
    {
        foreach (var (shift, mask) in new[] { (1, 0x5555555555555555L), (2, 0x3333333333333333L), (4, 0x0F0F0F0F0F0F0F0FL) })
        {
            var m = Const(mask);
            var hi = Temp();
            Emit(I("srlg", Def(hi), Use(x), Disp(shift)));
            var hiMasked = Temp();
            Emit(I("ngrk", Def(hiMasked), Use(hi), Use(m)));
            var lo = Temp();
            Emit(I("ngrk", Def(lo), Use(x), Use(m)));
            var loShifted = Temp();
            Emit(I("sllg", Def(loShifted), Use(lo), Disp(shift)));
            var next = Temp();
            Emit(I("ogrk", Def(next), Use(hiMasked), Use(loShifted)));
            x = next;
        }
        if (bits == 64) { Emit(I("lrvgr", Def(dst), Use(x))); return; }
        var reversed = Temp();
        Emit(I("lrvgr", Def(reversed), Use(x)));
        Emit(I("srlg", Def(dst), Use(reversed), Disp(64 - bits)));
    }
}
