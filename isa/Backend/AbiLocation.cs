namespace Stencil.Isa.Backend;

/// <summary>Where one argument or return value travels: a register, or 8 bytes of the stack argument
/// area at <see cref="StackOffset"/>.</summary>
public readonly record struct AbiLocation(Reg Reg, int StackOffset, bool OnStack)
{
    public static AbiLocation InReg(Reg r) => new(r, 0, false);
    public static AbiLocation Stack(int offset) => new(default, offset, true);
}
