using Iced.Intel;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>The mapping from this backend's operations to Iced registers and instruction codes,
/// written once as data.</summary>
internal static class IcedTables
{
    public static Register Gpr(Reg r, int size)
    {
        int enc = r.HwEnc;
        return size switch
        {
            1 => enc < 4 ? Register.AL + enc : enc < 8 ? Register.SPL + (enc - 4) : Register.R8L + (enc - 8),
            2 => Register.AX + enc,
            4 => Register.EAX + enc,
            _ => Register.RAX + enc,
        };
    }

    public static Register Xmm(Reg r) => Register.XMM0 + r.HwEnc;

    private static Code[] Sized(Code b, Code w, Code d, Code q) => [b, w, d, q];
    private static int SizeIndex(int size) => size switch { 1 => 0, 2 => 1, 4 => 2, _ => 3 };

    // Byte-sized imul has no two-operand form (Invalid); lowering never asks for it.
    private static readonly Code[][] AluRR =
    [
        Sized(Code.Add_r8_rm8, Code.Add_r16_rm16, Code.Add_r32_rm32, Code.Add_r64_rm64),
        Sized(Code.Sub_r8_rm8, Code.Sub_r16_rm16, Code.Sub_r32_rm32, Code.Sub_r64_rm64),
        Sized(Code.And_r8_rm8, Code.And_r16_rm16, Code.And_r32_rm32, Code.And_r64_rm64),
        Sized(Code.Or_r8_rm8, Code.Or_r16_rm16, Code.Or_r32_rm32, Code.Or_r64_rm64),
        Sized(Code.Xor_r8_rm8, Code.Xor_r16_rm16, Code.Xor_r32_rm32, Code.Xor_r64_rm64),
        Sized(Code.INVALID, Code.Imul_r16_rm16, Code.Imul_r32_rm32, Code.Imul_r64_rm64),
        Sized(Code.Adc_r8_rm8, Code.Adc_r16_rm16, Code.Adc_r32_rm32, Code.Adc_r64_rm64),
        Sized(Code.Sbb_r8_rm8, Code.Sbb_r16_rm16, Code.Sbb_r32_rm32, Code.Sbb_r64_rm64),
    ];

    private static readonly Code[][] AluRI8 =
    [
        [Code.Add_rm32_imm8, Code.Add_rm64_imm8],
        [Code.Sub_rm32_imm8, Code.Sub_rm64_imm8],
        [Code.And_rm32_imm8, Code.And_rm64_imm8],
        [Code.Or_rm32_imm8, Code.Or_rm64_imm8],
        [Code.Xor_rm32_imm8, Code.Xor_rm64_imm8],
        [Code.Imul_r32_rm32_imm8, Code.Imul_r64_rm64_imm8],
        [Code.Adc_rm32_imm8, Code.Adc_rm64_imm8],
        [Code.Sbb_rm32_imm8, Code.Sbb_rm64_imm8],
    ];

    private static readonly Code[][] AluRI32 =
    [
        [Code.Add_rm32_imm32, Code.Add_rm64_imm32],
        [Code.Sub_rm32_imm32, Code.Sub_rm64_imm32],
        [Code.And_rm32_imm32, Code.And_rm64_imm32],
        [Code.Or_rm32_imm32, Code.Or_rm64_imm32],
        [Code.Xor_rm32_imm32, Code.Xor_rm64_imm32],
        [Code.Imul_r32_rm32_imm32, Code.Imul_r64_rm64_imm32],
        [Code.Adc_rm32_imm32, Code.Adc_rm64_imm32],
        [Code.Sbb_rm32_imm32, Code.Sbb_rm64_imm32],
    ];

    public static Code AluReg(AluOp op, int size) => AluRR[(int)op][SizeIndex(size)];
    public static Code AluImm(AluOp op, int size, bool imm8) => (imm8 ? AluRI8 : AluRI32)[(int)op][size == 8 ? 1 : 0];

    public static readonly Code[] CmpRR = Sized(Code.Cmp_rm8_r8, Code.Cmp_rm16_r16, Code.Cmp_rm32_r32, Code.Cmp_rm64_r64);
    public static readonly Code[] TestRR = Sized(Code.Test_rm8_r8, Code.Test_rm16_r16, Code.Test_rm32_r32, Code.Test_rm64_r64);
    public static readonly Code[] CmpRI = Sized(Code.Cmp_rm8_imm8, Code.Cmp_rm16_imm16, Code.Cmp_rm32_imm32, Code.Cmp_rm64_imm32);
    public static readonly Code[] Neg = Sized(Code.Neg_rm8, Code.Neg_rm16, Code.Neg_rm32, Code.Neg_rm64);
    public static readonly Code[] Not = Sized(Code.Not_rm8, Code.Not_rm16, Code.Not_rm32, Code.Not_rm64);
    public static readonly Code[] StoreInt = Sized(Code.Mov_rm8_r8, Code.Mov_rm16_r16, Code.Mov_rm32_r32, Code.Mov_rm64_r64);

    public static readonly Code[] XaddMR = Sized(Code.Xadd_rm8_r8, Code.Xadd_rm16_r16, Code.Xadd_rm32_r32, Code.Xadd_rm64_r64);
    public static readonly Code[] XchgMR = Sized(Code.Xchg_rm8_r8, Code.Xchg_rm16_r16, Code.Xchg_rm32_r32, Code.Xchg_rm64_r64);
    public static readonly Code[] CmpxchgMR = Sized(Code.Cmpxchg_rm8_r8, Code.Cmpxchg_rm16_r16, Code.Cmpxchg_rm32_r32, Code.Cmpxchg_rm64_r64);

    // Memory destination forms (op [m], r), for locked read-modify-write without a result.
    private static readonly Code[][] AluMR =
    [
        Sized(Code.Add_rm8_r8, Code.Add_rm16_r16, Code.Add_rm32_r32, Code.Add_rm64_r64),
        Sized(Code.Sub_rm8_r8, Code.Sub_rm16_r16, Code.Sub_rm32_r32, Code.Sub_rm64_r64),
        Sized(Code.And_rm8_r8, Code.And_rm16_r16, Code.And_rm32_r32, Code.And_rm64_r64),
        Sized(Code.Or_rm8_r8, Code.Or_rm16_r16, Code.Or_rm32_r32, Code.Or_rm64_r64),
        Sized(Code.Xor_rm8_r8, Code.Xor_rm16_r16, Code.Xor_rm32_r32, Code.Xor_rm64_r64),
    ];

    public static Code AluToMem(AluOp op, int size) => AluMR[(int)op][SizeIndex(size)];

    public static Code Xadd(int size) => XaddMR[SizeIndex(size)];
    public static Code Xchg(int size) => XchgMR[SizeIndex(size)];
    public static Code Cmpxchg(int size) => CmpxchgMR[SizeIndex(size)];

    public static Code Cmp(int size) => CmpRR[SizeIndex(size)];
    public static Code Test(int size) => TestRR[SizeIndex(size)];
    public static readonly Code[] CmpRI8 = Sized(Code.Cmp_rm8_imm8, Code.Cmp_rm16_imm8, Code.Cmp_rm32_imm8, Code.Cmp_rm64_imm8);

    /// <summary>cmp r, imm: the sign-extended 8-bit form when the immediate fits it.</summary>
    public static Code CmpImm(int size, long imm = long.MaxValue) => (imm is >= sbyte.MinValue and <= sbyte.MaxValue ? CmpRI8 : CmpRI)[SizeIndex(size)];
    public static Code Unary(UnaryOp op, int size) => (op == UnaryOp.Neg ? Neg : Not)[SizeIndex(size)];
    public static Code Store(int size) => StoreInt[SizeIndex(size)];

    private static readonly Code[][] ShiftCl =
    [
        Sized(Code.Shl_rm8_CL, Code.Shl_rm16_CL, Code.Shl_rm32_CL, Code.Shl_rm64_CL),
        Sized(Code.Shr_rm8_CL, Code.Shr_rm16_CL, Code.Shr_rm32_CL, Code.Shr_rm64_CL),
        Sized(Code.Sar_rm8_CL, Code.Sar_rm16_CL, Code.Sar_rm32_CL, Code.Sar_rm64_CL),
        Sized(Code.Rol_rm8_CL, Code.Rol_rm16_CL, Code.Rol_rm32_CL, Code.Rol_rm64_CL),
        Sized(Code.Ror_rm8_CL, Code.Ror_rm16_CL, Code.Ror_rm32_CL, Code.Ror_rm64_CL),
    ];

    private static readonly Code[][] ShiftImm8 =
    [
        Sized(Code.Shl_rm8_imm8, Code.Shl_rm16_imm8, Code.Shl_rm32_imm8, Code.Shl_rm64_imm8),
        Sized(Code.Shr_rm8_imm8, Code.Shr_rm16_imm8, Code.Shr_rm32_imm8, Code.Shr_rm64_imm8),
        Sized(Code.Sar_rm8_imm8, Code.Sar_rm16_imm8, Code.Sar_rm32_imm8, Code.Sar_rm64_imm8),
        Sized(Code.Rol_rm8_imm8, Code.Rol_rm16_imm8, Code.Rol_rm32_imm8, Code.Rol_rm64_imm8),
        Sized(Code.Ror_rm8_imm8, Code.Ror_rm16_imm8, Code.Ror_rm32_imm8, Code.Ror_rm64_imm8),
    ];

    public static Code Shift(ShiftOp op, int size) => ShiftCl[(int)op][SizeIndex(size)];
    public static Code ShiftImm(ShiftOp op, int size) => ShiftImm8[(int)op][SizeIndex(size)];

    // Indexed by CondCode (x86 encoding order).
    public static readonly Code[] Jcc =
    [
        Code.Jo_rel32_64, Code.Jno_rel32_64, Code.Jb_rel32_64, Code.Jae_rel32_64, Code.Je_rel32_64, Code.Jne_rel32_64, Code.Jbe_rel32_64, Code.Ja_rel32_64,
        Code.Js_rel32_64, Code.Jns_rel32_64, Code.Jp_rel32_64, Code.Jnp_rel32_64, Code.Jl_rel32_64, Code.Jge_rel32_64, Code.Jle_rel32_64, Code.Jg_rel32_64,
    ];

    public static readonly Code[] Setcc =
    [
        Code.Seto_rm8, Code.Setno_rm8, Code.Setb_rm8, Code.Setae_rm8, Code.Sete_rm8, Code.Setne_rm8, Code.Setbe_rm8, Code.Seta_rm8,
        Code.Sets_rm8, Code.Setns_rm8, Code.Setp_rm8, Code.Setnp_rm8, Code.Setl_rm8, Code.Setge_rm8, Code.Setle_rm8, Code.Setg_rm8,
    ];

    public static readonly Code[] Cmov64 =
    [
        Code.Cmovo_r64_rm64, Code.Cmovno_r64_rm64, Code.Cmovb_r64_rm64, Code.Cmovae_r64_rm64, Code.Cmove_r64_rm64, Code.Cmovne_r64_rm64, Code.Cmovbe_r64_rm64, Code.Cmova_r64_rm64,
        Code.Cmovs_r64_rm64, Code.Cmovns_r64_rm64, Code.Cmovp_r64_rm64, Code.Cmovnp_r64_rm64, Code.Cmovl_r64_rm64, Code.Cmovge_r64_rm64, Code.Cmovle_r64_rm64, Code.Cmovg_r64_rm64,
    ];

    public static Code FAlu(FAluOp op, int size) => (op, size) switch
    {
        (FAluOp.Add, 4) => Code.Addss_xmm_xmmm32,
        (FAluOp.Add, _) => Code.Addsd_xmm_xmmm64,
        (FAluOp.Sub, 4) => Code.Subss_xmm_xmmm32,
        (FAluOp.Sub, _) => Code.Subsd_xmm_xmmm64,
        (FAluOp.Mul, 4) => Code.Mulss_xmm_xmmm32,
        (FAluOp.Mul, _) => Code.Mulsd_xmm_xmmm64,
        (FAluOp.Div, 4) => Code.Divss_xmm_xmmm32,
        (FAluOp.Div, _) => Code.Divsd_xmm_xmmm64,
        (FAluOp.Sqrt, 4) => Code.Sqrtss_xmm_xmmm32,
        (FAluOp.Sqrt, _) => Code.Sqrtsd_xmm_xmmm64,
        (FAluOp.And, _) => Code.Andps_xmm_xmmm128,
        (FAluOp.Or, _) => Code.Orps_xmm_xmmm128,
        (FAluOp.AndNot, _) => Code.Andnps_xmm_xmmm128,
        _ => Code.Xorps_xmm_xmmm128,
    };
}
