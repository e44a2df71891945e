using Stencil.Ir;
using Stencil.Isa.Backend;

namespace Stencil.Isa.S390x;

/// <summary>
/// Places a signature by the s390x ELF ABI (through <see cref="AbiPlacement"/>): integers in r2-r6, floats in
/// f0/f2/f4/f6, the rest in 8-byte slots of the caller's frame above its 160-byte register save area. Results go in
/// r2 and f0, and further ones, as in Cranelift, in r3-r5 and f2/f4/f6; beyond those (with
/// <c>enable_multi_ret_implicit_sret</c>) in a return area whose address the caller passes in r2. As in Cranelift,
/// the other platforms' conventions (<c>windows_fastcall</c>, <c>apple_aarch64</c>) mean this one here; <c>tail</c> and
/// <c>preserve_all</c> are not supported yet.
/// </summary>
internal static class S390xAbi
{
    public const string IsaName = "s390x";

    private static readonly AbiRegisters Registers = S390xRegs.Abi with
    {
        IntRets = [S390xRegs.Gpr(2), S390xRegs.Gpr(3), S390xRegs.Gpr(4), S390xRegs.Gpr(5)],
        FloatRets = S390xRegs.FloatArgs,
    };

    public static readonly Reg ReturnAreaPointer = S390xRegs.IntArgs[0];

    public static AbiLayout Layout(Signature sig, IsaFlags flags)
    {
        // Cranelift's s390x gives every convention but tail (and preserve_all's clobbers) the System z one.
        if (sig.CallConv is not (CallConv.SystemV or CallConv.Fast or CallConv.Cold or CallConv.WindowsFastcall or CallConv.AppleAarch64))
            throw IsaDiagnostics.Abi(IsaName, $"the `{sig.CallConv.ToText()}` calling convention yet");
        if (sig.Returns.Any(r => r.Purpose == ArgumentPurpose.StructReturn))
            throw IsaDiagnostics.Abi(IsaName, "an `sret` return value (declare an `sret` parameter instead)");
        int sret = sig.Params.FindIndex(p => p.Purpose == ArgumentPurpose.StructReturn);
        int area = 0;
        AbiLocation Overflow(RegClass cls)
        {
            if (!flags.EnableMultiRetImplicitSret)
                throw IsaDiagnostics.Abi(IsaName, $"more than four {(cls == RegClass.Int ? "integer" : "float")} return values without `enable_multi_ret_implicit_sret`");
            area += 8;
            return AbiLocation.Stack(area - 8);
        }
        var returns = AbiPlacement.Returns(sig.Returns, Registers, r => ClassOf(r.Type, "return value"), Overflow);
        int returnArea = (area + 7) & ~7;
        var locs = AbiPlacement.Params(sig.Params, Registers, returnArea > 0 ? 1 : 0, p =>
        {
            if (p.Purpose == ArgumentPurpose.StructArgument) throw IsaDiagnostics.Abi(IsaName, "struct arguments (`sarg`) yet");
            return ClassOf(p.Type, "parameter");
        }, out int stackBytes);
        return new AbiLayout(locs, returns, stackBytes, returnArea, ReturnAreaPointer, sret);
    }

    /// <summary>The register class of <paramref name="type"/>; i128 travels by reference on s390x, not supported yet.</summary>
    public static RegClass ClassOf(IrType type, string where)
    {
        if (type.IsInt && type.Bits <= 64) return RegClass.Int;
        if (type == IrType.F32 || type == IrType.F64) return RegClass.Float;
        throw IsaDiagnostics.Type(IsaName, type, where);
    }
}
