using Stencil.Ir;
using Stencil.Isa.CodeGen;
using Stencil.Isa.S390x;

namespace Stencil.Isa.Tests.S390x;

/// <summary>The encoder's own rules, beyond the corpus: labels through the buffer, operands out of range.</summary>
[TestClass]
public sealed class S390xEncoderTests
{
    private static S390xInst I(string mnemonic, params S390xOperand[] operands) => new(S390xOpcodes.Get(mnemonic), operands);

    [TestMethod]
    public void BranchesToLabelsCountHalfwordsFromTheInstruction()
    {
        var buffer = new MachBuffer(Endianness.Big);
        var top = buffer.GetLabel();
        var end = buffer.GetLabel();
        buffer.BindLabel(top);
        S390xEncoder.Emit(buffer, I("jge", S390xOperand.To(end)));                       // RIL-c, forward
        S390xEncoder.Emit(buffer, I("lgr", S390xOperand.Reg(2), S390xOperand.Reg(3)));
        S390xEncoder.Emit(buffer, I("jne", S390xOperand.To(top)));                       // RI-c, backward
        buffer.BindLabel(end);
        S390xEncoder.Emit(buffer, I("br", S390xOperand.Reg(14)));
        var code = buffer.Finish(0, 2).Code;
        Assert.AreEqual("C08400000007B9040023A774FFFB07FE", Convert.ToHexString(code));
        Assert.AreEqual(
            "0000: c08400000007  jge .+14  # e\n0006: b9040023      lgr %r2, %r3\n000a: a774fffb      jne .-10  # 0\n000e: 07fe          br %r14\n",
            S390xDisassembler.Disassemble(code, null, 0));
    }

    [TestMethod]
    public void OperandsOutsideTheirFieldsAreRefused()
    {
        Assert.ThrowsExactly<InvalidOperationException>(() => S390xEncoder.Encode(I("lghi", S390xOperand.Reg(2), S390xOperand.Imm(32768))));
        Assert.ThrowsExactly<InvalidOperationException>(() => S390xEncoder.Encode(I("nill", S390xOperand.Reg(2), S390xOperand.Imm(-1))));
        Assert.ThrowsExactly<InvalidOperationException>(() => S390xEncoder.Encode(I("l", S390xOperand.Reg(2), S390xOperand.Mem(4096, 0, 15))));
        Assert.ThrowsExactly<InvalidOperationException>(() => S390xEncoder.Encode(I("lg", S390xOperand.Reg(2), S390xOperand.Mem(1 << 19, 0, 15))));
        Assert.ThrowsExactly<InvalidOperationException>(() => S390xEncoder.Encode(I("cs", S390xOperand.Reg(2), S390xOperand.Reg(3), S390xOperand.Mem(0, 1, 15))));
        Assert.ThrowsExactly<InvalidOperationException>(() => S390xEncoder.Encode(I("lgr", S390xOperand.Reg(16), S390xOperand.Reg(3))));
        Assert.ThrowsExactly<InvalidOperationException>(() => S390xEncoder.Encode(I("j", S390xOperand.Offset(3))));
        Assert.ThrowsExactly<InvalidOperationException>(() => S390xEncoder.Encode(I("lgr", S390xOperand.Reg(2))));
    }

    [TestMethod]
    public void ReservedBitsLeaveAnInstructionUndecoded()
    {
        // lgr with bits 16-23 set is not an instruction of the table: shown as halfwords, never as a wrong lgr.
        Assert.IsFalse(S390xDecoder.TryDecode([0xB9, 0x04, 0x10, 0x23], out _));
        Assert.IsTrue(S390xDecoder.TryDecode([0xB9, 0x04, 0x00, 0x23], out var lgr));
        Assert.AreEqual("lgr %r2, %r3", lgr.ToString());
    }

    [TestMethod]
    public void EveryTableEntryRoundTripsThroughTheDecoder()
    {
        // Each opcode with its operands at their largest values decodes to itself (or an extended mnemonic of the same bits).
        foreach (var op in S390xOpcodes.All)
        {
            var operands = op.OperandSlots.Select(s => Largest(op.Format.Slots[s], op.Signature[s])).ToArray();
            var inst = new S390xInst(op, operands);
            var word = S390xEncoder.Encode(inst);
            var bytes = Enumerable.Range(0, inst.Length).Select(i => (byte)(word >> (8 * (inst.Length - 1 - i)))).ToArray();
            Assert.IsTrue(S390xDecoder.TryDecode(bytes, out var back), $"{inst} does not decode");
            Assert.AreEqual(word, S390xEncoder.Encode(back), $"{inst} decodes as {back}");
        }
    }

    private static S390xOperand Largest(Slot slot, char letter) => slot.Kind switch
    {
        SlotKind.Reg => S390xOperand.Reg(15),
        SlotKind.VReg => S390xOperand.Reg(31),
        SlotKind.Imm => S390xOperand.Imm(letter == 's' ? (1L << (slot.Field.Width - 1)) - 1 : (1L << slot.Field.Width) - 1),
        SlotKind.Mem => S390xOperand.Mem(slot.IsLongDisplacement ? -(1 << 19) : 4095, slot.Index.IsPresent ? 14 : 0, 13),
        _ => S390xOperand.Offset(-(1L << slot.Field.Width)),
    };
}
