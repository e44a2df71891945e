using Iced.Intel;
using Stencil.Ir;
using Stencil.Isa.Backend;
using static Iced.Intel.Instruction;

namespace Stencil.Isa.X64;

/// <summary>The float sequences that need branches: checked and saturating conversions, unsigned
/// conversions, and fmin/fmax. Each instruction has at most one operand of each class, so the second
/// scratch register of each class is free for constants here.</summary>
internal sealed partial class X64Emitter
{
    private static Register TmpX => IcedTables.Xmm(X64Regs.FloatScratch[1]);
    private static Reg TmpG => X64Regs.IntScratch[1];

    private static Code Ucomis(int fs) => fs == 4 ? Code.Ucomiss_xmm_xmmm32 : Code.Ucomisd_xmm_xmmm64;

    private static Code Cvtt(int fs, int s) => (fs, s) switch
    {
        (4, 4) => Code.Cvttss2si_r32_xmmm32,
        (4, _) => Code.Cvttss2si_r64_xmmm32,
        (_, 4) => Code.Cvttsd2si_r32_xmmm64,
        _ => Code.Cvttsd2si_r64_xmmm64,
    };

    /// <summary>Puts <paramref name="value"/>, rounded to the float width, into the float temp.</summary>
    private void FloatConstToTmp(double value, int fs)
    {
        long bits = fs == 4 ? (uint)BitConverter.SingleToInt32Bits((float)value) : BitConverter.DoubleToInt64Bits(value);
        MovImm(TmpG, bits);
        E(Create(fs == 4 ? Code.Movd_xmm_rm32 : Code.Movq_xmm_rm64, TmpX, G(TmpG, fs)));
    }

    /// <summary>Sets the flags for comparing <paramref name="x"/> with a constant.</summary>
    private void CompareConst(Register x, double value, int fs)
    {
        FloatConstToTmp(value, fs);
        E(Create(Ucomis(fs), x, TmpX));
    }

    /// <summary>
    /// cvtt*2si gives MIN for NaN and for anything out of range. When it does, tell the cases apart:
    /// NaN traps bad_toint (saturating: 0); a non-negative input traps int_ovf (saturating: MAX); an
    /// input below the range traps int_ovf (saturating: MIN, already there); the rest is exactly MIN.
    /// </summary>
    private void EmitFloatToInt(MInst inst, Reg dst, Reg src)
    {
        int s = inst.Size, fs = inst.FromSize;
        var x = X(src);
        var r = G(dst, s);
        E(Create(Cvtt(fs, s), r, x));
        var done = _buf.GetLabel();
        E(Create(IcedTables.CmpImm(s, 1), r, 1));
        BranchTo(Code.Jno_rel32_64, done);
        E(Create(Ucomis(fs), x, x));
        if (inst.Saturating)
        {
            var notNan = _buf.GetLabel();
            BranchTo(Code.Jnp_rel32_64, notNan);
            E(Create(Code.Xor_r32_rm32, G(dst, 4), G(dst, 4)));
            BranchTo(Code.Jmp_rel32_64, done);
            _buf.BindLabel(notNan);
            E(Create(Code.Xorps_xmm_xmmm128, TmpX, TmpX));
            E(Create(Ucomis(fs), x, TmpX));
            BranchTo(Code.Jb_rel32_64, done);
            MovImm(dst, s == 4 ? int.MaxValue : long.MaxValue);
            _buf.BindLabel(done);
            return;
        }
        TrapIf(CondCode.P, TrapCode.BadConversionToInteger);
        E(Create(Code.Xorps_xmm_xmmm128, TmpX, TmpX));
        E(Create(Ucomis(fs), x, TmpX));
        TrapIf(CondCode.AE, TrapCode.IntegerOverflow);
        // Lower bound: below MIN - 1 when that is representable (f64 -> i32), else below MIN itself.
        bool minusOneExact = fs == 8 && s == 4;
        CompareConst(x, s == 4 ? (minusOneExact ? -2147483649.0 : -2147483648.0) : -9223372036854775808.0, fs);
        TrapIf(minusOneExact ? CondCode.BE : CondCode.B, TrapCode.IntegerOverflow);
        _buf.BindLabel(done);
    }

    /// <summary>
    /// Float to unsigned: NaN traps bad_toint, anything at or below -1 or at or above 2^N traps int_ovf
    /// (saturating: NaN and negatives give 0, too large gives MAX). In range, a 32-bit result comes from a
    /// 64-bit signed conversion; a 64-bit one subtracts 2^63 first when the input is that large.
    /// </summary>
    private void EmitFloatToUint(MInst inst, Reg dst, Reg src)
    {
        int s = inst.Size, fs = inst.FromSize;
        var x = X(src);
        double limit = s == 4 ? 4294967296.0 : 18446744073709551616.0;
        var done = _buf.GetLabel();
        if (inst.Saturating)
        {
            var zero = _buf.GetLabel();
            var max = _buf.GetLabel();
            E(Create(Code.Xorps_xmm_xmmm128, TmpX, TmpX));
            E(Create(Ucomis(fs), x, TmpX));
            BranchTo(Code.Jp_rel32_64, zero);
            BranchTo(Code.Jbe_rel32_64, zero);
            CompareConst(x, limit, fs);
            BranchTo(Code.Jae_rel32_64, max);
            EmitInRangeUnsigned(s, fs, x, dst);
            BranchTo(Code.Jmp_rel32_64, done);
            _buf.BindLabel(zero);
            E(Create(Code.Xor_r32_rm32, G(dst, 4), G(dst, 4)));
            BranchTo(Code.Jmp_rel32_64, done);
            _buf.BindLabel(max);
            MovImm(dst, s == 4 ? uint.MaxValue : -1L);
            _buf.BindLabel(done);
            return;
        }
        E(Create(Ucomis(fs), x, x));
        TrapIf(CondCode.P, TrapCode.BadConversionToInteger);
        CompareConst(x, -1.0, fs);
        TrapIf(CondCode.BE, TrapCode.IntegerOverflow);
        CompareConst(x, limit, fs);
        TrapIf(CondCode.AE, TrapCode.IntegerOverflow);
        EmitInRangeUnsigned(s, fs, x, dst);
    }

    /// <summary>Converts x, known to be in (-1, 2^N), to an unsigned N-bit integer.</summary>
    private void EmitInRangeUnsigned(int s, int fs, Register x, Reg dst)
    {
        var r64 = G(dst, 8);
        if (s == 4)
        {
            E(Create(Cvtt(fs, 8), r64, x));
            return;
        }
        var small = _buf.GetLabel();
        var end = _buf.GetLabel();
        CompareConst(x, 9223372036854775808.0, fs);
        BranchTo(Code.Jb_rel32_64, small);
        // x - 2^63 as x + (-2^63), computed in the temp so x itself is untouched.
        FloatConstToTmp(-9223372036854775808.0, fs);
        E(Create(fs == 4 ? Code.Addss_xmm_xmmm32 : Code.Addsd_xmm_xmmm64, TmpX, x));
        E(Create(Cvtt(fs, 8), r64, TmpX));
        MovImm(TmpG, long.MinValue);
        E(Create(Code.Xor_r64_rm64, r64, G(TmpG, 8)));
        BranchTo(Code.Jmp_rel32_64, end);
        _buf.BindLabel(small);
        E(Create(Cvtt(fs, 8), r64, x));
        _buf.BindLabel(end);
    }

    /// <summary>u64 to float: non-negative as i64 converts directly; otherwise halve (keeping the lost
    /// bit sticky so rounding stays correct), convert and double.</summary>
    private void EmitUint64ToFloat(Reg dst, Reg src, int fs)
    {
        var x = X(dst);
        var r = G(src, 8);
        var cvt = fs == 4 ? Code.Cvtsi2ss_xmm_rm64 : Code.Cvtsi2sd_xmm_rm64;
        var big = _buf.GetLabel();
        var done = _buf.GetLabel();
        E(Create(Code.Test_rm64_r64, r, r));
        BranchTo(Code.Js_rel32_64, big);
        E(Create(cvt, x, r));
        BranchTo(Code.Jmp_rel32_64, done);
        _buf.BindLabel(big);
        var t = G(TmpG, 8);
        E(Create(Code.Mov_r64_rm64, t, r));
        E(Create(Code.Shr_rm64_imm8, t, 1));
        var even = _buf.GetLabel();
        BranchTo(Code.Jae_rel32_64, even);
        E(Create(Code.Or_rm64_imm8, t, 1));
        _buf.BindLabel(even);
        E(Create(cvt, x, t));
        E(Create(fs == 4 ? Code.Addss_xmm_xmmm32 : Code.Addsd_xmm_xmmm64, x, x));
        _buf.BindLabel(done);
    }

    /// <summary>minss/maxss return the second operand for NaN and for equal zeros, so both cases are
    /// handled first: NaN propagates through an add, equal values combine their sign bits.</summary>
    private void EmitFMinMax(Reg dst, Reg src, int fs, bool max)
    {
        var a = X(dst);
        var b = X(src);
        var nan = _buf.GetLabel();
        var normal = _buf.GetLabel();
        var done = _buf.GetLabel();
        E(Create(Ucomis(fs), a, b));
        BranchTo(Code.Jp_rel32_64, nan);
        BranchTo(Code.Jne_rel32_64, normal);
        E(Create(max ? Code.Andps_xmm_xmmm128 : Code.Orps_xmm_xmmm128, a, b));
        BranchTo(Code.Jmp_rel32_64, done);
        _buf.BindLabel(nan);
        E(Create(fs == 4 ? Code.Addss_xmm_xmmm32 : Code.Addsd_xmm_xmmm64, a, b));
        BranchTo(Code.Jmp_rel32_64, done);
        _buf.BindLabel(normal);
        E(Create((max, fs) switch
        {
            (true, 4) => Code.Maxss_xmm_xmmm32,
            (true, _) => Code.Maxsd_xmm_xmmm64,
            (false, 4) => Code.Minss_xmm_xmmm32,
            _ => Code.Minsd_xmm_xmmm64,
        }, a, b));
        _buf.BindLabel(done);
    }
}
