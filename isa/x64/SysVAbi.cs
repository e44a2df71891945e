using Stencil.Ir;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// Places a signature's parameters and returns by the System V AMD64 calling convention (through
/// <see cref="AbiPlacement"/>): integers in
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

    /// <summary>The register carrying the return-area pointer, when there is one.</summary>
    public static readonly Reg ReturnAreaPointer = X64Regs.IntArgs[0];

    private static readonly AbiRegisters Registers = new(X64Regs.IntArgs, X64Regs.FloatArgs, X64Regs.IntRets, X64Regs.FloatRets);
    /// <summary>With <c>enable_llvm_abi_extensions</c>: rcx as a third integer return register.</summary>
    private static readonly AbiRegisters RegistersLlvm = Registers with { IntRets = X64Regs.IntRetsLlvm };

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
        var locs = AbiPlacement.Params(sig.Params, Registers, returnArea > 0 ? 1 : 0, p =>
        {
            if (p.Purpose == ArgumentPurpose.StructArgument)
                throw IsaDiagnostics.Abi(IsaName, "struct arguments (`sarg`) yet");
            return p.Type == IrType.I128 ? null : ClassOf(p.Type, "parameter");
        }, out int stackBytes);
        return new AbiLayout(locs, returns, stackBytes, returnArea, ReturnAreaPointer, sret);
    }

    private static (AbiLocation[][] Locations, int ReturnAreaBytes) Returns(Signature sig, IsaFlags flags)
    {
        int area = 0;
        var regs = flags.EnableLlvmAbiExtensions ? RegistersLlvm : Registers;
        AbiLocation Overflow(RegClass cls)
        {
            if (!flags.EnableMultiRetImplicitSret)
                throw IsaDiagnostics.Abi(IsaName, $"more than {(cls == RegClass.Int ? (regs.IntRets.Count == 3 ? "three integer" : "two integer") : "two float")} return values without `enable_multi_ret_implicit_sret`");
            area += 8;
            return AbiLocation.Stack(area - 8);
        }
        var locs = AbiPlacement.Returns(sig.Returns, regs,
            r => r.Type == IrType.I128 ? null : ClassOf(r.Type, "return value"), Overflow);
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
