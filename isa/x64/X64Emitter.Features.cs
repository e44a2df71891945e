using Iced.Intel;
using static Iced.Intel.Instruction;

namespace Stencil.Isa.X64;

/// <summary>The instructions of CPU features a target names (<see cref="IsaFlags"/>: has_popcnt, has_lzcnt, has_bmi1,
/// has_sse41); lowering only produces them when the flag is set.</summary>
internal sealed partial class X64Emitter
{
    private void EmitFeatureInst(MInst inst, Backend.Reg[] p)
    {
        int s = inst.Size;
        switch (inst.Op)
        {
            case X64Op.BitCount:
                var code = (inst.Count, s) switch
                {
                    (BitCountOp.Popcnt, 4) => Code.Popcnt_r32_rm32,
                    (BitCountOp.Popcnt, _) => Code.Popcnt_r64_rm64,
                    (BitCountOp.Lzcnt, 4) => Code.Lzcnt_r32_rm32,
                    (BitCountOp.Lzcnt, _) => Code.Lzcnt_r64_rm64,
                    (_, 4) => Code.Tzcnt_r32_rm32,
                    _ => Code.Tzcnt_r64_rm64,
                };
                E(Create(code, G(p[0], s), G(p[1], s)));
                break;
            case X64Op.Andn:
                E(Create(s == 4 ? Code.VEX_Andn_r32_r32_rm32 : Code.VEX_Andn_r64_r64_rm64, G(p[0], s), G(p[1], s), G(p[2], s)));
                break;
            default:
                E(Create(s == 4 ? Code.Roundss_xmm_xmmm32_imm8 : Code.Roundsd_xmm_xmmm64_imm8, X(p[0]), X(p[1]), (int)inst.Imm));
                break;
        }
    }
}
