using Stencil.Ir;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// Places a signature's parameters and returns by the System V AMD64 calling convention: integers in
/// rdi rsi rdx rcx r8 r9, floats in xmm0-7, the rest in 8-byte stack slots in order; i128 takes two
/// integer registers or a 16-byte aligned stack pair. Returns go in rax rdx / xmm0 xmm1, and beyond
/// those (with <c>enable_multi_ret_implicit_sret</c>) in a return area whose address the caller passes
/// first. A function with an <c>sret</c> parameter returns nothing else and hands that pointer back in rax.
/// <c>enable_llvm_abi_extensions</c> adds rcx as a third integer return register. Fast and cold functions use the
/// same convention here.
/// </summary>
internal static class SysVAbi
{
    public const string IsaName = "x86-64";

    public static void CheckConvention(Signature sig)
    {
        if (sig.CallConv is not (CallConv.SystemV or CallConv.Fast or CallConv.Cold))
            throw IsaDiagnostics.Abi(IsaName, $"the `{sig.CallConv.ToText()}` calling convention yet");
    }

    public static AbiLayout Layout(Signature sig, IsaFlags flags)
    {
        CheckConvention(sig);
        int sret = sig.Params.FindIndex(p => p.Purpose == ArgumentPurpose.StructReturn);
        // Cranelift refuses both: the sret pointer is the one value such a function returns.
        if (sret >= 0 && sig.Returns.Count > 0)
            throw IsaDiagnostics.Abi(IsaName, "return values from a function with an `sret` parameter (it returns the sret pointer)");
        if (sig.Returns.Any(r => r.Purpose == ArgumentPurpose.StructReturn))
            throw IsaDiagnostics.Abi(IsaName, "an `sret` return value (declare an `sret` parameter instead)");
        var (returns, returnArea) = Returns(sig, flags);
        var locs = new AbiLocation[sig.Params.Count][];
        int nextInt = returnArea > 0 ? 1 : 0, nextFloat = 0, stack = 0;
        for (int i = 0; i < locs.Length; i++)
        {
            var p = sig.Params[i];
            if (p.Purpose == ArgumentPurpose.StructArgument)
                throw IsaDiagnostics.Abi(IsaName, "struct arguments (`sarg`) yet");
            if (p.Type == IrType.I128)
            {
                if (nextInt + 2 <= X64Regs.IntArgs.Length)
                    locs[i] = [AbiLocation.InReg(X64Regs.IntArgs[nextInt++]), AbiLocation.InReg(X64Regs.IntArgs[nextInt++])];
                else
                {
                    stack = (stack + 15) & ~15;
                    locs[i] = [AbiLocation.Stack(stack), AbiLocation.Stack(stack + 8)];
                    stack += 16;
                }
                continue;
            }
            var cls = ClassOf(p.Type, "parameter");
            if (cls == RegClass.Int && nextInt < X64Regs.IntArgs.Length) locs[i] = [AbiLocation.InReg(X64Regs.IntArgs[nextInt++])];
            else if (cls == RegClass.Float && nextFloat < X64Regs.FloatArgs.Length) locs[i] = [AbiLocation.InReg(X64Regs.FloatArgs[nextFloat++])];
            else { locs[i] = [AbiLocation.Stack(stack)]; stack += 8; }
        }
        return new AbiLayout(locs, returns, (stack + 15) & ~15, returnArea, sret);
    }

    private static (AbiLocation[][] Locations, int ReturnAreaBytes) Returns(Signature sig, IsaFlags flags)
    {
        var locs = new AbiLocation[sig.Returns.Count][];
        int nextInt = 0, nextFloat = 0, area = 0;
        var intRets = flags.EnableLlvmAbiExtensions ? X64Regs.IntRetsLlvm : X64Regs.IntRets;
        AbiLocation Overflow(RegClass cls)
        {
            if (!flags.EnableMultiRetImplicitSret)
                throw IsaDiagnostics.Abi(IsaName, $"more than {(cls == RegClass.Int ? (intRets.Length == 3 ? "three integer" : "two integer") : "two float")} return values without `enable_multi_ret_implicit_sret`");
            area += 8;
            return AbiLocation.Stack(area - 8);
        }
        for (int i = 0; i < locs.Length; i++)
        {
            var t = sig.Returns[i].Type;
            if (t == IrType.I128)
            {
                locs[i] = nextInt + 2 <= intRets.Length
                    ? [AbiLocation.InReg(intRets[nextInt++]), AbiLocation.InReg(intRets[nextInt++])]
                    : [Overflow(RegClass.Int), Overflow(RegClass.Int)];
                continue;
            }
            var cls = ClassOf(t, "return value");
            if (cls == RegClass.Int && nextInt < intRets.Length) locs[i] = [AbiLocation.InReg(intRets[nextInt++])];
            else if (cls == RegClass.Float && nextFloat < X64Regs.FloatRets.Length) locs[i] = [AbiLocation.InReg(X64Regs.FloatRets[nextFloat++])];
            else locs[i] = [Overflow(cls)];
        }
        return (locs, (area + 15) & ~15);
    }

    /// <summary>The register class values of <paramref name="type"/> live in; STN3002 for types this backend cannot hold in one register.</summary>
    public static RegClass ClassOf(IrType type, string where)
    {
        if (type.IsInt && type.Bits <= 64) return RegClass.Int;
        if (type == IrType.F32 || type == IrType.F64) return RegClass.Float;
        throw IsaDiagnostics.Type(IsaName, type, where);
    }
}
