namespace Stencil.Isa.S390x;

/// <summary>A bit field of an instruction, numbered as the Principles of Operation do: bit 0 is the most significant
/// bit of the first byte.</summary>
internal readonly record struct BitField(int Bit, int Width)
{
    public bool IsPresent => Width > 0;

    /// <summary>The field's value in an instruction of <paramref name="lengthBytes"/> held right-aligned in <paramref name="word"/>.</summary>
    public ulong Get(ulong word, int lengthBytes) => (word >> Shift(lengthBytes)) & Mask;

    public ulong Put(ulong word, int lengthBytes, ulong value) =>
        (word & ~(Mask << Shift(lengthBytes))) | ((value & Mask) << Shift(lengthBytes));

    private ulong Mask => (1UL << Width) - 1;
    private int Shift(int lengthBytes) => lengthBytes * 8 - Bit - Width;
}

/// <summary>What one assembly operand of a format is made of.</summary>
internal enum SlotKind : byte
{
    /// <summary>A 4-bit register number; its file (general, floating, access) is the instruction's.</summary>
    Reg,
    /// <summary>A vector register: 4 bits plus its high bit in the RXB field.</summary>
    VReg,
    /// <summary>An immediate (mask, length, count or value); signed or not is the instruction's.</summary>
    Imm,
    /// <summary>A storage operand <c>D(X,B)</c> or <c>D(B)</c>, the displacement 12 bits unsigned or 20 bits signed.</summary>
    Mem,
    /// <summary>A PC-relative target in halfwords from the instruction.</summary>
    Rel,
}

/// <summary>One assembly operand of a format and where its parts lie. A 20-bit displacement is <see cref="Field"/>
/// (its low 12 bits) plus <see cref="High"/> (its high 8 bits); <see cref="Rxb"/> is a vector register's high bit.</summary>
internal sealed record Slot(SlotKind Kind, BitField Field, BitField Index = default, BitField Base = default, BitField High = default, int Rxb = -1)
{
    public bool IsLongDisplacement => High.IsPresent;
}

/// <summary>
/// An instruction format: length, where the opcode's bits lie (one or two fields, filled from the opcode's hex digits
/// most significant first), its assembly operands in order, and the operand letters an instruction of this format
/// has unless it says otherwise (see <see cref="S390xOpcode.Signature"/>).
/// </summary>
internal sealed record InsnFormat(string Name, int Length, BitField[] OpcodeFields, Slot[] Slots, string Signature)
{
    public int OpcodeBits => OpcodeFields.Sum(f => f.Width);
}
