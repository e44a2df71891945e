namespace Stencil.Isa.S390x;

/// <summary>Decodes the instructions of <see cref="S390xOpcodes"/>: the length from the first two bits, the opcode
/// from each opcode layout of that length (longest first), then the operands from the format's slots. A decoding is
/// accepted only when encoding it gives the same bits back, so reserved bits that are set leave it undecoded.</summary>
internal static class S390xDecoder
{
    /// <summary>The instruction length the first byte announces: 2, 4 or 6.</summary>
    public static int LengthOf(byte first) => (first >> 6) switch { 0 => 2, 3 => 6, _ => 4 };

    public static bool TryDecode(ReadOnlySpan<byte> code, out S390xInst inst)
    {
        inst = null!;
        if (code.Length < 2) return false;
        int length = LengthOf(code[0]);
        if (code.Length < length) return false;
        ulong word = 0;
        for (int i = 0; i < length; i++) word = (word << 8) | code[i];
        foreach (var layout in S390xOpcodes.LayoutsOfLength(length))
        {
            uint opcode = 0;
            foreach (var field in layout.OpcodeFields) opcode = (opcode << field.Width) | (uint)field.Get(word, length);
            foreach (var candidate in S390xOpcodes.WithCode(layout, opcode))
            {
                var slots = candidate.Format.Slots;
                if (candidate.Fixed.Any(f => (int)slots[f.Slot].Field.Get(word, length) != f.Value)) continue;
                if (candidate.Presets.Any(p => ((int)slots[p.Slot].Field.Get(word, length) & p.Bits) != p.Bits)) continue;
                var decoded = new S390xInst(candidate, candidate.OperandSlots
                    .Select(s => Read(word, length, slots[s], candidate.Signature[s], candidate.PresetBits(s))).ToArray());
                if (S390xEncoder.Encode(decoded) != word) continue;
                inst = decoded;
                return true;
            }
        }
        return false;
    }

    private static S390xOperand Read(ulong word, int length, Slot slot, char letter, int preset)
    {
        long raw = (long)slot.Field.Get(word, length);
        switch (slot.Kind)
        {
            case SlotKind.Reg:
                return S390xOperand.Reg((int)raw);
            case SlotKind.VReg:
                return S390xOperand.Reg((int)raw | (int)new BitField(slot.Rxb, 1).Get(word, length) << 4);
            case SlotKind.Imm:
                return S390xOperand.Imm(letter == 's' ? SignExtend(raw, slot.Field.Width) : raw & ~(long)preset);
            case SlotKind.Mem:
                long disp = slot.IsLongDisplacement ? SignExtend(raw | (long)slot.High.Get(word, length) << 12, 20) : raw;
                return S390xOperand.Mem(disp, slot.Index.IsPresent ? (int)slot.Index.Get(word, length) : 0, (int)slot.Base.Get(word, length));
            default:
                return S390xOperand.Offset(SignExtend(raw, slot.Field.Width) * 2);
        }
    }

    private static long SignExtend(long value, int bits) => (value << (64 - bits)) >> (64 - bits);
}
