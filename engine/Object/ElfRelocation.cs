namespace Stencil.Engine.Object;

/// <summary>One Elf64_Rela.</summary>
internal readonly record struct ElfRelocation(ulong Offset, uint SymbolIndex, uint Type, long Addend)
{
    /// <summary>Writes the <see cref="ElfConstants.RelaSize"/>-byte record.</summary>
    public void WriteTo(Span<byte> s, ElfFields fields)
    {
        fields.U64(s, Offset);
        fields.U64(s[8..], ElfConstants.RelocationInfo(SymbolIndex, Type));
        fields.I64(s[16..], Addend);
    }
}
