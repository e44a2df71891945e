using System.Buffers.Binary;

namespace Stencil.Engine.Object;

/// <summary>One Elf64_Sym, with its name already placed in the string table.</summary>
internal readonly record struct ElfSymbol(uint NameOffset, byte Info, byte Other, ushort SectionIndex, ulong Value, ulong Size)
{
    public byte Binding => (byte)(Info >> 4);

    /// <summary>Writes the <see cref="ElfConstants.SymSize"/>-byte record.</summary>
    public void WriteTo(Span<byte> s)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(s, NameOffset);
        s[4] = Info;
        s[5] = Other;
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], SectionIndex);
        BinaryPrimitives.WriteUInt64LittleEndian(s[8..], Value);
        BinaryPrimitives.WriteUInt64LittleEndian(s[16..], Size);
    }
}
