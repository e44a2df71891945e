namespace Stencil.Isa.CodeGen;

/// <summary>
/// How a label's offset is written into a field of the code: a backend's branch or PC-relative form, as data. The
/// field is <paramref name="Width"/> bytes (in the buffer's byte order) and holds
/// <c>(target - (field + BaseFromField)) &gt;&gt; Shift</c> as a signed number, where the low <paramref name="Shift"/>
/// bits must be zero. x86's rel32 is (4, +4, 0): relative to the end of the field. s390x's RI and RIL branches are
/// (2, -2, 1) and (4, -2, 1): halfwords relative to the instruction, whose opcode precedes the field by 2 bytes.
/// </summary>
/// <param name="Name">For messages, e.g. <c>rel8</c>.</param>
public readonly record struct LabelUse(string Name, int Width, int BaseFromField, int Shift)
{
    /// <summary>The field's value for a label at <paramref name="target"/>, or false when the target is out of reach
    /// or not a multiple of the scale away.</summary>
    public bool TryEncode(long fieldOffset, long target, out long value)
    {
        long distance = target - (fieldOffset + BaseFromField);
        value = distance >> Shift;
        int bits = Width * 8;
        return (distance & ((1L << Shift) - 1)) == 0 && value >= -(1L << (bits - 1)) && value < 1L << (bits - 1);
    }
}
