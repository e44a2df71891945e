using Stencil.Isa.CodeGen;

namespace Stencil.Isa.S390x;

/// <summary>
/// One assembly operand: a register number, an immediate, a storage operand <c>D(X,B)</c> (index and base 0 mean
/// none), or a relative target, either a label of the buffer or a byte distance from the instruction.
/// </summary>
internal readonly record struct S390xOperand(SlotKind Kind, long Value, int Index = 0, int Base = 0, MachLabel? Label = null)
{
    public static S390xOperand Reg(int number) => new(SlotKind.Reg, number);
    public static S390xOperand Imm(long value) => new(SlotKind.Imm, value);
    public static S390xOperand Mem(long displacement, int index, int @base) => new(SlotKind.Mem, displacement, index, @base);
    /// <summary>A relative target <paramref name="bytes"/> from the start of the instruction.</summary>
    public static S390xOperand Offset(long bytes) => new(SlotKind.Rel, bytes);
    public static S390xOperand To(MachLabel label) => new(SlotKind.Rel, 0, Label: label);
}

/// <summary>An instruction: an opcode of <see cref="S390xOpcodes"/> and its assembly operands, in order.</summary>
internal sealed record S390xInst(S390xOpcode S390xOpcode, IReadOnlyList<S390xOperand> Operands)
{
    public int Length => S390xOpcode.Format.Length;

    public override string ToString() => S390xPrinter.Print(this);
}
