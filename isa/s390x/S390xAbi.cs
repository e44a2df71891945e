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
/// <para>i128 travels by reference, as the ABI passes <c>__int128</c>: an argument is a pointer (in the next integer
/// register or stack slot) to a 16-byte copy the caller makes in its outgoing argument area, after the stack
/// arguments; a result is always stored in the return area (big-endian: high half first), with or without
/// <c>enable_multi_ret_implicit_sret</c>, like gcc's hidden result pointer.</para>
/// </summary>
internal static class S390xAbi
{
    public const string IsaName = "s390x";

    private const int I128Bytes = 16;

    private static readonly AbiRegisters Registers = S390xRegs.Abi with
    {
        IntRets = [S390xRegs.Gpr(2), S390xRegs.Gpr(3), S390xRegs.Gpr(4), S390xRegs.Gpr(5)],
        FloatRets = S390xRegs.FloatArgs,
    };

    public static readonly Reg ReturnAreaPointer = S390xRegs.IntArgs[0];

    public static AbiLayout Layout(Signature sig, IsaFlags flags) => Layout(sig, flags, out _);

    /// <summary>The layout, and per parameter the offset in the outgoing argument area of the copy an i128 argument is
    /// passed by (-1 for the others); <see cref="AbiLayout.StackArgBytes"/> covers those copies.</summary>
    public static AbiLayout Layout(Signature sig, IsaFlags flags, out int[] copies)
    {
        // Cranelift's s390x gives every convention but tail (and preserve_all's clobbers) the System z one.
        if (sig.CallConv is not (CallConv.SystemV or CallConv.Fast or CallConv.Cold or CallConv.WindowsFastcall or CallConv.AppleAarch64))
            throw IsaDiagnostics.Abi(IsaName, $"the `{sig.CallConv.ToText()}` calling convention yet");
        if (sig.Returns.Any(r => r.Purpose == ArgumentPurpose.StructReturn))
            throw IsaDiagnostics.Abi(IsaName, "an `sret` return value (declare an `sret` parameter instead)");
        int sret = sig.Params.FindIndex(p => p.Purpose == ArgumentPurpose.StructReturn);
        var returns = PlaceReturns(sig.Returns, flags, out int area);
        int returnArea = (area + 7) & ~7;
        var locs = AbiPlacement.Params(sig.Params, Registers, returnArea > 0 ? 1 : 0, p =>
        {
            if (p.Purpose == ArgumentPurpose.StructArgument) throw IsaDiagnostics.Abi(IsaName, "struct arguments (`sarg`) yet");
            return p.Type == IrType.I128 ? RegClass.Int : ClassOf(p.Type, "parameter");
        }, out int stackBytes);
        copies = new int[sig.Params.Count];
        for (int i = 0; i < copies.Length; i++)
        {
            copies[i] = sig.Params[i].Type == IrType.I128 ? stackBytes : -1;
            if (copies[i] >= 0) stackBytes += I128Bytes;
        }
        return new AbiLayout(locs, returns, stackBytes, returnArea, ReturnAreaPointer, sret);
    }

    /// <summary>Results in registers while they last, then in the return area, 8 bytes each in order; i128 results
    /// always there, after the others, as two parts (high half first, so the low one at +8).</summary>
    private static AbiLocation[][] PlaceReturns(IReadOnlyList<AbiParam> rs, IsaFlags flags, out int area)
    {
        int next = 0;
        AbiLocation Slot()
        {
            next += AbiPlacement.StackSlotBytes;
            return AbiLocation.Stack(next - AbiPlacement.StackSlotBytes);
        }
        AbiLocation Overflow(RegClass cls)
        {
            if (!flags.EnableMultiRetImplicitSret)
                throw IsaDiagnostics.Abi(IsaName, $"more than four {(cls == RegClass.Int ? "integer" : "float")} return values without `enable_multi_ret_implicit_sret`");
            return Slot();
        }
        var scalars = rs.Where(r => r.Type != IrType.I128).ToList();
        var placed = AbiPlacement.Returns(scalars, Registers, r => ClassOf(r.Type, "return value"), Overflow);
        var locs = new AbiLocation[rs.Count][];
        for (int i = 0, k = 0; i < rs.Count; i++)
        {
            if (rs[i].Type != IrType.I128) { locs[i] = placed[k++]; continue; }
            var high = Slot();
            locs[i] = [Slot(), high];
        }
        area = next;
        return locs;
    }

    /// <summary>The register class of <paramref name="type"/>; i128 is a pair of integer registers, placed by
    /// <see cref="Layout(Signature, IsaFlags, out int[])"/>.</summary>
    public static RegClass ClassOf(IrType type, string where)
    {
        if (type.IsInt && type.Bits <= 64) return RegClass.Int;
        if (type == IrType.F32 || type == IrType.F64) return RegClass.Float;
        throw IsaDiagnostics.Type(IsaName, type, where);
    }
}
