using Stencil.Ir;

namespace Stencil.Isa.Backend;

/// <summary>
/// The register-then-stack placement most calling conventions share, parameterised by a backend's registers and
/// register classes: each value takes the next free register of its class, a pair (i128; the class rule answers null)
/// two integer registers, low half first, or none; what does not fit goes to the stack argument area in 8-byte slots in order (an i128 as a 16-byte
/// aligned pair), or, for returns, to wherever the backend's overflow rule puts it.
/// </summary>
public static class AbiPlacement
{
    public const int StackSlotBytes = 8;

    /// <summary>Places parameters; <paramref name="firstIntArg"/> skips integer registers already taken (a hidden
    /// return-area pointer). <paramref name="stackBytes"/> is the stack area used, rounded to 16.</summary>
    public static AbiLocation[][] Params(IReadOnlyList<AbiParam> ps, AbiRegisters regs, int firstIntArg, Func<AbiParam, RegClass?> classOf, out int stackBytes)
    {
        var locs = new AbiLocation[ps.Count][];
        int nextInt = firstIntArg, nextFloat = 0, stack = 0;
        for (int i = 0; i < locs.Length; i++)
        {
            if (classOf(ps[i]) is not { } cls)
            {
                if (nextInt + 2 <= regs.IntArgs.Count)
                    locs[i] = [AbiLocation.InReg(regs.IntArgs[nextInt++]), AbiLocation.InReg(regs.IntArgs[nextInt++])];
                else
                {
                    stack = (stack + 15) & ~15;
                    locs[i] = [AbiLocation.Stack(stack), AbiLocation.Stack(stack + StackSlotBytes)];
                    stack += 2 * StackSlotBytes;
                }
                continue;
            }
            if (cls == RegClass.Int && nextInt < regs.IntArgs.Count) locs[i] = [AbiLocation.InReg(regs.IntArgs[nextInt++])];
            else if (cls == RegClass.Float && nextFloat < regs.FloatArgs.Count) locs[i] = [AbiLocation.InReg(regs.FloatArgs[nextFloat++])];
            else { locs[i] = [AbiLocation.Stack(stack)]; stack += StackSlotBytes; }
        }
        stackBytes = (stack + 15) & ~15;
        return locs;
    }

    /// <summary>Places returns; a value without a free register of its class goes where <paramref name="overflow"/> says.</summary>
    public static AbiLocation[][] Returns(IReadOnlyList<AbiParam> rs, AbiRegisters regs, Func<AbiParam, RegClass?> classOf, Func<RegClass, AbiLocation> overflow)
    {
        var (intRets, floatRets) = (regs.IntRets, regs.FloatRets);
        var locs = new AbiLocation[rs.Count][];
        int nextInt = 0, nextFloat = 0;
        for (int i = 0; i < locs.Length; i++)
        {
            if (classOf(rs[i]) is not { } cls)
            {
                locs[i] = nextInt + 2 <= intRets.Count
                    ? [AbiLocation.InReg(intRets[nextInt++]), AbiLocation.InReg(intRets[nextInt++])]
                    : [overflow(RegClass.Int), overflow(RegClass.Int)];
                continue;
            }
            if (cls == RegClass.Int && nextInt < intRets.Count) locs[i] = [AbiLocation.InReg(intRets[nextInt++])];
            else if (cls == RegClass.Float && nextFloat < floatRets.Count) locs[i] = [AbiLocation.InReg(floatRets[nextFloat++])];
            else locs[i] = [overflow(cls)];
        }
        return locs;
    }
}
