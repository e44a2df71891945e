using System.Buffers.Binary;

namespace Stencil.Engine.Object;

/// <summary>One Elf64_Sym, with its name already placed in the string table.</summary>
internal readonly record struct ElfSymbol(uint NameOffset, byte Info, byte Other, ushort SectionIndex, ulong Value, ulong Size)
{
    public byte Binding => (byte)(Info >> 4);

    public static byte[] EncodeTable(IReadOnlyList<ElfSymbol> symbols)
    {
        var bytes = new byte[symbols.Count * ElfConstants.SymSize];
        for (int i = 0; i < symbols.Count; i++)
        {
            var s = bytes.AsSpan(i * ElfConstants.SymSize, ElfConstants.SymSize);
            var sym = symbols[i];
            BinaryPrimitives.WriteUInt32LittleEndian(s, sym.NameOffset);
            s[4] = sym.Info;
            s[5] = sym.Other;
            BinaryPrimitives.WriteUInt16LittleEndian(s[6..], sym.SectionIndex);
            BinaryPrimitives.WriteUInt64LittleEndian(s[8..], sym.Value);
            BinaryPrimitives.WriteUInt64LittleEndian(s[16..], sym.Size);
        }
        return bytes;
    }
}
