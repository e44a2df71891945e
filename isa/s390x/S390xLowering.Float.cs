using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xLowering
{
    /// <summary>Binary BFP operations, two-address (the first operand is overwritten): (f32 form, f64 form).</summary>
    private static readonly Dictionary<Opcode, (string F32, string F64)> FloatAluRules = new()
    {
        [Opcode.Fadd] = ("aebr", "adbr"), [Opcode.Fsub] = ("sebr", "sdbr"),
        [Opcode.Fmul] = ("meebr", "mdbr"), [Opcode.Fdiv] = ("debr", "ddbr"),
    };

    /// <summary>Unary operations on the register: sign operations (which leave NaNs alone), square root, and rounding to
    /// an integral value by the rounding-mode field (7 toward -inf, 6 toward +inf, 5 toward zero, 4 to nearest even).</summary>
    private static readonly Dictionary<Opcode, (string F32, string F64, int Mode)> FloatUnaryRules = new()
    {
        [Opcode.Fneg] = ("lcdfr", "lcdfr", -1), [Opcode.Fabs] = ("lpdfr", "lpdfr", -1), [Opcode.Sqrt] = ("sqebr", "sqdbr", -1),
        [Opcode.Floor] = ("fiebra", "fidbra", 7), [Opcode.Ceil] = ("fiebra", "fidbra", 6),
        [Opcode.Trunc] = ("fiebra", "fidbra", 5), [Opcode.Nearest] = ("fiebra", "fidbra", 4),
    };

    /// <summary>Condition-code masks after a BFP compare (0 equal, 1 low, 2 high, 3 unordered).</summary>
    private static int MaskOf(FloatCC cc) => cc switch
    {
        FloatCC.Ordered => 14, FloatCC.Unordered => 1, FloatCC.Equal => 8, FloatCC.NotEqual => 7,
        FloatCC.OrderedNotEqual => 6, FloatCC.UnorderedOrEqual => 9, FloatCC.LessThan => 4, FloatCC.LessThanOrEqual => 12,
        FloatCC.GreaterThan => 2, FloatCC.GreaterThanOrEqual => 10, FloatCC.UnorderedOrLessThan => 5,
        FloatCC.UnorderedOrLessThanOrEqual => 13, FloatCC.UnorderedOrGreaterThan => 3, _ => 11,
    };

    private bool LowerFloatInst(Inst inst)
    {
        var d = Dfg[inst];
        var t = Dfg.ControllingType(inst);
        if (FloatAluRules.TryGetValue(d.Opcode, out var alu) && t.IsFloat)
        {
            var dst = Result(inst);
            Emit(S390xMInst.Move(dst, Get(d.Args[0])));
            Emit(I(t == IrType.F32 ? alu.F32 : alu.F64, Mod(dst), Use(Get(d.Args[1]))));
            return true;
        }
        if (FloatUnaryRules.TryGetValue(d.Opcode, out var un) && t.IsFloat)
        {
            var m = t == IrType.F32 ? un.F32 : un.F64;
            Emit(un.Mode < 0 ? I(m, Def(Result(inst)), Use(Get(d.Args[0]))) : I(m, Def(Result(inst)), Imm(un.Mode), Use(Get(d.Args[0])), Imm(4)));
            return true;
        }
        switch (d.Opcode)
        {
            case Opcode.F32const:
                FloatConst(Result(inst), (d.Imm & 0xFFFF_FFFFL) << 32);
                return true;
            case Opcode.F64const:
                FloatConst(Result(inst), d.Imm);
                return true;
            case Opcode.Fcopysign when t.IsFloat:
                Emit(I("cpsdr", Def(Result(inst)), Use(Get(d.Args[1])), Use(Get(d.Args[0]))));
                return true;
            case Opcode.Fma when t.IsFloat:
            {
                var dst = Result(inst);
                Emit(S390xMInst.Move(dst, Get(d.Args[2])));
                Emit(I(t == IrType.F32 ? "maebr" : "madbr", Mod(dst), Use(Get(d.Args[0])), Use(Get(d.Args[1]))));
                return true;
            }
            case Opcode.Fcmp:
            {
                var dst = Result(inst);
                Emit(I("lghi", Def(dst), Imm(0)));
                int mask = FloatCompare(inst);
                Emit(I("locghi", Mod(dst), Imm(1), Imm(mask)));
                return true;
            }
            case Opcode.Fmin or Opcode.Fmax when t.IsFloat:
                LowerMinMax(inst, d.Opcode == Opcode.Fmin);
                return true;
            case Opcode.Fpromote:
                Emit(I("ldebr", Def(Result(inst)), Use(Get(d.Args[0]))));
                return true;
            case Opcode.Fdemote:
                Emit(I("ledbra", Def(Result(inst)), Imm(0), Use(Get(d.Args[0])), Imm(0)));
                return true;
            case Opcode.FcvtFromSint or Opcode.FcvtFromUint:
            {
                bool signed = d.Opcode == Opcode.FcvtFromSint;
                var from = TypeOf(d.Args[0]);
                if (!from.IsInt) throw Unsupported(inst);
                var x = Extended(Get(d.Args[0]), from, signed);
                string m = (signed, t == IrType.F32) switch { (true, true) => "cegbra", (true, false) => "cdgbra", (false, true) => "celgbr", _ => "cdlgbr" };
                Emit(I(m, Def(Result(inst)), Imm(0), Use(x), Imm(0)));
                return true;
            }
            case Opcode.FcvtToSint or Opcode.FcvtToUint or Opcode.FcvtToSintSat or Opcode.FcvtToUintSat:
                LowerFloatToInt(inst);
                return true;
            case Opcode.Bitcast:
                LowerBitcast(inst);
                return true;
        }
        return false;
    }

    /// <summary>A float constant's bits (an f32's in the high word, where the register keeps it) through a general register.</summary>
    private void FloatConst(Reg dst, long bits)
    {
        if (bits == 0) { Emit(I("lzdr", Def(dst))); return; }
        Emit(I("ldgr", Def(dst), Use(Const(bits))));
    }

    private Reg FloatConstReg(double value)
    {
        var r = Temp(RegClass.Float);
        FloatConst(r, BitConverter.DoubleToInt64Bits(value));
        return r;
    }

    /// <summary>Emits the compare of an fcmp and returns the mask of its condition.</summary>
    private int FloatCompare(Inst inst)
    {
        var d = Dfg[inst];
        var t = TypeOf(d.Args[0]);
        if (!t.IsFloat) throw Unsupported(inst);
        Emit(I(t == IrType.F32 ? "cebr" : "cdbr", Use(Get(d.Args[0])), Use(Get(d.Args[1]))));
        return MaskOf(d.FloatCond);
    }

    /// <summary>fmin/fmax as CLIF defines them: a NaN operand gives NaN (their sum), and between zeros of different sign
    /// the minimum is -0 and the maximum +0 (the sign bits or-ed, resp. and-ed).</summary>
    private void LowerMinMax(Inst inst, bool min)
    {
        var d = Dfg[inst];
        var t = Dfg.ControllingType(inst);
        var (a, b) = (Get(d.Args[0]), Get(d.Args[1]));
        var sum = Temp(RegClass.Float);
        Emit(S390xMInst.Move(sum, a));
        Emit(I(t == IrType.F32 ? "aebr" : "adbr", Mod(sum), Use(b)));
        var (ga, gb, g) = (Temp(), Temp(), Temp());
        Emit(I("lgdr", Def(ga), Use(a)));
        Emit(I("lgdr", Def(gb), Use(b)));
        Emit(I(min ? "ogrk" : "ngrk", Def(g), Use(ga), Use(gb)));
        var dst = Result(inst);
        Emit(I("ldgr", Def(dst), Use(g)));
        Emit(I(t == IrType.F32 ? "cebr" : "cdbr", Use(a), Use(b)));
        Emit(FloatCondMove(min ? 4 : 2, dst, a));
        Emit(FloatCondMove(min ? 2 : 4, dst, b));
        Emit(FloatCondMove(1, dst, sum));
    }

    /// <summary>Float to integer with CLIF's traps (NaN is bad_toint, out of range int_ovf) or saturation (NaN is 0),
    /// checked on the value as f64, then converted toward zero as 64 bits.</summary>
    private void LowerFloatToInt(Inst inst)
    {
        var d = Dfg[inst];
        var to = Dfg.ControllingType(inst);
        var from = TypeOf(d.Args[0]);
        if (!to.IsInt || !from.IsFloat) throw Unsupported(inst);
        bool signed = d.Opcode is Opcode.FcvtToSint or Opcode.FcvtToSintSat;
        bool sat = d.Opcode is Opcode.FcvtToSintSat or Opcode.FcvtToUintSat;
        var x = Get(d.Args[0]);
        if (from == IrType.F32) { var w = Temp(RegClass.Float); Emit(I("ldebr", Def(w), Use(x))); x = w; }
        int bits = to.Bits;
        double upper = signed ? Math.Pow(2, bits - 1) : Math.Pow(2, bits);
        var dst = Result(inst);
        if (!sat)
        {
            Emit(I("cdbr", Use(x), Use(x)));
            Emit(TrapIf(1, TrapCode.BadConversionToInteger));
            // Below the range: for i64 anything under -2^63; for narrower types at or under MIN - 1 (exact in f64).
            if (signed && bits == 64) { Emit(I("cdbr", Use(x), Use(FloatConstReg(-Math.Pow(2, 63))))); Emit(TrapIf(4, TrapCode.IntegerOverflow)); }
            else { Emit(I("cdbr", Use(x), Use(FloatConstReg(signed ? -Math.Pow(2, bits - 1) - 1 : -1)))); Emit(TrapIf(12, TrapCode.IntegerOverflow)); }
            Emit(I("cdbr", Use(x), Use(FloatConstReg(upper))));
            Emit(TrapIf(10, TrapCode.IntegerOverflow));
            Emit(signed ? I("cgdbra", Def(dst), Imm(5), Use(x), Imm(0)) : I("clgdbr", Def(dst), Imm(5), Use(x), Imm(0)));
            return;
        }
        // Saturating: clamp into [lower, upper) first (NaN is left for last), convert, then NaN gives 0.
        double lower = signed ? -Math.Pow(2, bits - 1) : 0;
        var c = Temp(RegClass.Float);
        Emit(S390xMInst.Move(c, x));
        var lo = FloatConstReg(lower);
        Emit(I("cdbr", Use(c), Use(lo)));
        Emit(FloatCondMove(4, c, lo));
        var hi = FloatConstReg(signed ? Math.Pow(2, bits - 1) - 1 : Math.Pow(2, bits) - 1);
        var raw = Temp();
        if (bits == 64)
        {
            // The largest integers are not f64s: convert as is and let the instruction saturate.
            Emit(signed ? I("cgdbra", Def(raw), Imm(5), Use(c), Imm(0)) : I("clgdbr", Def(raw), Imm(5), Use(c), Imm(0)));
        }
        else
        {
            Emit(I("cdbr", Use(c), Use(hi)));
            Emit(FloatCondMove(2, c, hi));
            Emit(signed ? I("cgdbra", Def(raw), Imm(5), Use(c), Imm(0)) : I("clgdbr", Def(raw), Imm(5), Use(c), Imm(0)));
        }
        Emit(S390xMInst.Move(dst, raw));
        Emit(I("cdbr", Use(x), Use(x)));
        Emit(I("locghi", Mod(dst), Imm(0), Imm(1)));
    }

    private void LowerBitcast(Inst inst)
    {
        var d = Dfg[inst];
        var to = Dfg.ControllingType(inst);
        var from = TypeOf(d.Args[0]);
        if (from.Bits != to.Bits) throw Unsupported(inst);
        var (dst, x) = (Result(inst), Get(d.Args[0]));
        if (from.IsFloat == to.IsFloat) { Emit(S390xMInst.Move(dst, x)); return; }
        if (to.IsFloat)
        {
            if (to == IrType.F32) { var h = Temp(); Emit(I("sllg", Def(h), Use(x), Disp(32))); x = h; }
            Emit(I("ldgr", Def(dst), Use(x)));
            return;
        }
        if (from == IrType.F32)
        {
            var g = Temp();
            Emit(I("lgdr", Def(g), Use(x)));
            Emit(I("srlg", Def(dst), Use(g), Disp(32)));
            return;
        }
        Emit(I("lgdr", Def(dst), Use(x)));
    }
}
