using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>How one signature's values travel, one location per register-sized part (i128 has two,
/// low half first). When returns overflow their registers (and implicit sret is enabled) the caller
/// passes a hidden pointer to a return area in the first integer argument register, and the
/// overflowing returns are stored there at their <see cref="AbiLocation.StackOffset"/>.
/// <see cref="StructReturnParam"/> is the index of the <c>sret</c> parameter, or -1: System V has the callee hand
/// that pointer back in rax.</summary>
internal sealed record AbiLayout(AbiLocation[][] Params, AbiLocation[][] Returns, int StackArgBytes, int ReturnAreaBytes, int StructReturnParam = -1)
{
    public bool HasReturnArea => ReturnAreaBytes > 0;
    /// <summary>The register carrying the return-area pointer, when there is one.</summary>
    public static Reg ReturnAreaPointer => X64Regs.IntArgs[0];
}
