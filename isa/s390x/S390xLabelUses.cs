using Stencil.Isa.CodeGen;

namespace Stencil.Isa.S390x;

/// <summary>s390x's label forms: the relative-immediate fields count halfwords from the start of the instruction,
/// whose 2-byte opcode precedes the field.</summary>
internal static class S390xLabelUses
{
    /// <summary>RI-b/RI-c (<c>brc</c>, <c>bras</c>) and RIE branches: 16 bits, ±64 KiB.</summary>
    public static readonly LabelUse Ri16 = new("ri16", Width: 2, BaseFromField: -2, Shift: 1);
    /// <summary>RIL-b/RIL-c (<c>brcl</c>, <c>larl</c>, <c>lgrl</c>...): 32 bits, ±4 GiB.</summary>
    public static readonly LabelUse Ril32 = new("ril32", Width: 4, BaseFromField: -2, Shift: 1);

    /// <summary>The form of a relative field <paramref name="widthBits"/> wide.</summary>
    public static LabelUse ForWidth(int widthBits) => widthBits == 16 ? Ri16 : widthBits == 32 ? Ril32
        : throw new ArgumentOutOfRangeException(nameof(widthBits), widthBits, "s390x relative fields are 16 or 32 bits");
}
