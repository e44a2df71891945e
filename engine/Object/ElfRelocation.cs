using System.Buffers.Binary;

namespace Stencil.Engine.Object;

/// <summary>One Elf64_Rela.</summary>
internal readonly record struct ElfRelocation(ulong Offset, uint SymbolIndex, uint Type, long Addend)
{
    /// <summary>Writes the <see cref="ElfConstants.RelaSize"/>-byte record.</summary>
    public void WriteTo(Span<byte> s)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(s, Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(s[8..], ElfConstants.RelocationInfo(SymbolIndex, Type));
        BinaryPrimitives.WriteInt64LittleEndian(s[16..], Addend);
    }
}
