using Stencil.Ir;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.S390x;

/// <summary>
/// Encodes an instruction from its format's fields: the opcode parts, then each operand into its slot. Operands out
/// of their field's range are a bug of the code that built the instruction, not bad input, so they throw.
/// </summary>
internal static class S390xEncoder
{
    /// <summary>Appends <paramref name="inst"/> to <paramref name="buffer"/> (big-endian); a label target becomes a
    /// fixup in the halfword form of its field's width.</summary>
    public static void Emit(MachBuffer buffer, S390xInst inst)
    {
        if (buffer.ByteOrder != Endianness.Big) throw new InvalidOperationException("s390x code is big-endian");
        uint start = buffer.CurOffset;
        ulong word = Encode(inst);
        for (int i = inst.Length - 1; i >= 0; i--) buffer.Put1((byte)(word >> (8 * i)));
        var format = inst.S390xOpcode.Format;
        for (int i = 0; i < inst.Operands.Count; i++)
        {
            if (inst.Operands[i].Label is not { } label) continue;
            var field = format.Slots[inst.S390xOpcode.OperandSlots[i]].Field;
            buffer.UseLabelAtOffset(start + (uint)(field.Bit / 8), label, S390xLabelUses.ForWidth(field.Width));
        }
    }

    /// <summary>The instruction's bits, right-aligned (2, 4 or 6 bytes); a label target's field is left zero.</summary>
    public static ulong Encode(S390xInst inst)
    {
        var op = inst.S390xOpcode;
        var format = op.Format;
        if (inst.Operands.Count < op.MinOperands || inst.Operands.Count > op.OperandSlots.Count)
            throw Bad(inst, $"takes {op.MinOperands} to {op.OperandSlots.Count} operands, got {inst.Operands.Count}");
        ulong word = 0;
        int length = format.Length;
        foreach (var (field, value) in op.OpcodeParts()) word = field.Put(word, length, value);
        foreach (var (slot, value) in op.Fixed) word = format.Slots[slot].Field.Put(word, length, (ulong)value);
        foreach (var (slot, bits) in op.Presets) word = format.Slots[slot].Field.Put(word, length, (ulong)bits);
        for (int i = 0; i < inst.Operands.Count; i++)
        {
            int s = op.OperandSlots[i];
            word = Put(word, length, format.Slots[s], op.Signature[s], op.PresetBits(s), inst.Operands[i], inst, i + 1);
        }
        return word;
    }

    private static ulong Put(ulong word, int length, Slot slot, char letter, int preset, S390xOperand operand, S390xInst inst, int n)
    {
        switch (slot.Kind)
        {
            case SlotKind.Reg or SlotKind.VReg:
                Expect(operand, SlotKind.Reg, inst, n);
                int limit = slot.Kind == SlotKind.VReg ? 32 : 16;
                if (operand.Value < 0 || operand.Value >= limit) throw Bad(inst, $"operand {n}: no register {operand.Value}");
                word = slot.Field.Put(word, length, (ulong)operand.Value);
                return slot.Kind == SlotKind.VReg ? new BitField(slot.Rxb, 1).Put(word, length, (ulong)operand.Value >> 4) : word;
            case SlotKind.Imm:
                Expect(operand, SlotKind.Imm, inst, n);
                if (!Fits(operand.Value, slot.Field.Width, signed: letter == 's')) throw Bad(inst, $"operand {n}: {operand.Value} does not fit {slot.Field.Width} bits");
                return slot.Field.Put(word, length, (ulong)operand.Value | (uint)preset);
            case SlotKind.Mem:
                Expect(operand, SlotKind.Mem, inst, n);
                if (operand.Base is < 0 or > 15 || operand.Index is < 0 or > 15) throw Bad(inst, $"operand {n}: no register {operand.Base}/{operand.Index}");
                if (operand.Index != 0 && !slot.Index.IsPresent) throw Bad(inst, $"operand {n}: this format has no index register");
                if (!Fits(operand.Value, slot.IsLongDisplacement ? 20 : 12, slot.IsLongDisplacement))
                    throw Bad(inst, $"operand {n}: displacement {operand.Value} out of range");
                word = slot.Base.Put(word, length, (ulong)operand.Base);
                if (slot.Index.IsPresent) word = slot.Index.Put(word, length, (ulong)operand.Index);
                word = slot.Field.Put(word, length, (ulong)operand.Value);
                return slot.IsLongDisplacement ? slot.High.Put(word, length, (ulong)(operand.Value >> 12)) : word;
            default:
                Expect(operand, SlotKind.Rel, inst, n);
                if (operand.Label is not null) return word;
                if ((operand.Value & 1) != 0 || !Fits(operand.Value >> 1, slot.Field.Width, signed: true))
                    throw Bad(inst, $"operand {n}: relative target {operand.Value} is odd or out of reach");
                return slot.Field.Put(word, length, (ulong)(operand.Value >> 1));
        }
    }

    public static bool Fits(long value, int bits, bool signed) => signed
        ? value >= -(1L << (bits - 1)) && value < 1L << (bits - 1)
        : value >= 0 && value < 1L << bits;

    private static void Expect(S390xOperand operand, SlotKind kind, S390xInst inst, int n)
    {
        if (operand.Kind != kind) throw Bad(inst, $"operand {n} is a {operand.Kind}, the format wants a {kind}");
    }

    private static InvalidOperationException Bad(S390xInst inst, string what) => new($"s390x `{inst.S390xOpcode.Mnemonic}`: {what}");
}
