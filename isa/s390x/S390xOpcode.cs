namespace Stencil.Isa.S390x;

/// <summary>
/// One mnemonic: its format, its opcode (the hex digits that fill the format's opcode fields, most significant
/// first), one operand letter per format slot (<see cref="InsnFormats"/>), and the slots an extended mnemonic fixes
/// (a branch's condition mask, an element size) and so leaves out of its assembly operands, and the bits it sets in
/// a mask that stays an operand (the single-element bit 8 of a <c>w</c> instruction), which the text leaves out.
/// </summary>
internal sealed record S390xOpcode(string Mnemonic, InsnFormat Format, uint Code, string Signature, IReadOnlyList<(int Slot, int Value)> Fixed,
    IReadOnlyList<(int Slot, int Bits)> Presets)
{
    public S390xOpcode(string mnemonic, InsnFormat format, uint code, string signature, IReadOnlyList<(int Slot, int Value)> @fixed)
        : this(mnemonic, format, code, signature, @fixed, []) { }

    /// <summary>The bits this opcode always sets in <paramref name="slot"/>'s field (0 for most).</summary>
    public int PresetBits(int slot) => Presets.Where(p => p.Slot == slot).Sum(p => p.Bits);

    /// <summary>The format slots written in assembly, in order.</summary>
    public IReadOnlyList<int> OperandSlots { get; } =
        Enumerable.Range(0, Format.Slots.Length).Where(s => !Fixed.Any(f => f.Slot == s)).ToArray();

    /// <summary>How many operands the text must give: the trailing optional masks (<c>U</c>) may be left out.</summary>
    public int MinOperands => OperandSlots.Count - OperandSlots.Reverse().TakeWhile(s => Signature[s] == 'U').Count();

    /// <summary>The values the opcode puts into the format's opcode fields.</summary>
    public IEnumerable<(BitField Field, ulong Value)> OpcodeParts()
    {
        int remaining = Format.OpcodeBits;
        foreach (var field in Format.OpcodeFields)
        {
            remaining -= field.Width;
            yield return (field, (Code >> remaining) & ((1UL << field.Width) - 1));
        }
    }

    public override string ToString() => Mnemonic;
}
