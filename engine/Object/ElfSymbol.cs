namespace Stencil.Engine.Object;

/// <summary>One Elf64_Sym, with its name already placed in the string table.</summary>
internal readonly record struct ElfSymbol(uint NameOffset, byte Info, byte Other, ushort SectionIndex, ulong Value, ulong Size)
{
    public byte Binding => (byte)(Info >> 4);

    /// <summary>Writes the <see cref="ElfConstants.SymSize"/>-byte record.</summary>
    public void WriteTo(Span<byte> s, ElfFields fields)
    {
        fields.U32(s, NameOffset);
        s[4] = Info;
        s[5] = Other;
        fields.U16(s[6..], SectionIndex);
        fields.U64(s[8..], Value);
        fields.U64(s[16..], Size);
    }
}
