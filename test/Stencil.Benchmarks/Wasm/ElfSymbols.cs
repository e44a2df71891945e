using System.Buffers.Binary;
using System.Text;

namespace Stencil.Benchmarks.Wasm;

/// <summary>The <c>FUNC</c> symbols of an ELF64 little-endian file's <c>.symtab</c> (what Wasmtime's
/// <c>Module.Serialize()</c> writes): name and <c>st_size</c>. Just enough of the format for that.</summary>
internal static class ElfSymbols
{
    public readonly record struct Symbol(string Name, ulong Value, ulong Size);

    private const int SymTab = 2, FuncType = 2, SymbolSize = 24, SectionHeaderSize = 64;

    public static List<Symbol> Functions(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || !elf[..4].SequenceEqual((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']) || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not an ELF64 little-endian file");
        var sectionHeaders = checked((int)U64(elf, 0x28));
        int count = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        var symbols = new List<Symbol>();
        for (int s = 0; s < count; s++)
        {
            var header = elf.Slice(sectionHeaders + s * SectionHeaderSize, SectionHeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != SymTab) continue;
            var table = elf.Slice(checked((int)U64(header, 0x18)), checked((int)U64(header, 0x20)));
            var linked = elf.Slice(sectionHeaders + (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]) * SectionHeaderSize, SectionHeaderSize);
            var strings = elf.Slice(checked((int)U64(linked, 0x18)), checked((int)U64(linked, 0x20)));
            for (int at = 0; at + SymbolSize <= table.Length; at += SymbolSize)
            {
                var entry = table.Slice(at, SymbolSize);
                if ((entry[4] & 0xF) != FuncType) continue;
                var name = strings[(int)BinaryPrimitives.ReadUInt32LittleEndian(entry)..];
                int end = name.IndexOf((byte)0);
                symbols.Add(new Symbol(Encoding.UTF8.GetString(end < 0 ? name : name[..end]), U64(entry, 8), U64(entry, 16)));
            }
        }
        return symbols;
    }

    private static ulong U64(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..]);
}
