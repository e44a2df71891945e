using System.Buffers.Binary;

namespace Stencil.Engine.Object;

/// <summary>One Elf64_Rela.</summary>
internal readonly record struct ElfRelocation(ulong Offset, uint SymbolIndex, uint Type, long Addend)
{
    public static byte[] EncodeTable(IReadOnlyList<ElfRelocation> relocations)
    {
        var bytes = new byte[relocations.Count * ElfConstants.RelaSize];
        for (int i = 0; i < relocations.Count; i++)
        {
            var s = bytes.AsSpan(i * ElfConstants.RelaSize, ElfConstants.RelaSize);
            var r = relocations[i];
            BinaryPrimitives.WriteUInt64LittleEndian(s, r.Offset);
            BinaryPrimitives.WriteUInt64LittleEndian(s[8..], ElfConstants.RelocationInfo(r.SymbolIndex, r.Type));
            BinaryPrimitives.WriteInt64LittleEndian(s[16..], r.Addend);
        }
        return bytes;
    }
}
