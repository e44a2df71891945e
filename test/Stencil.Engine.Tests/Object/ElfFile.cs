using System.Buffers.Binary;
using System.Text;

namespace Stencil.Engine.Tests.Object;

/// <summary>A minimal ELF64 reader (either byte order) for assertions: independent of the writer, it decodes the fields the
/// tests check straight from the bytes.</summary>
internal sealed class ElfFile
{
    public sealed record Section(int Index, string Name, uint Type, ulong Flags, ulong Offset, ulong Size, uint Link, uint Info, ulong Align, ulong EntSize);
    public sealed record Symbol(int Index, string Name, int Bind, int Type, int Visibility, ushort Shndx, ulong Value, ulong Size);
    public sealed record Rela(string Section, ulong Offset, uint Type, Symbol Symbol, long Addend);

    private readonly byte[] _bytes;

    public ElfFile(byte[] bytes)
    {
        _bytes = bytes;
        CollectionAssert.AreEqual(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }, bytes[..4], "ELF magic");
        Class = bytes[4];
        Data = bytes[5];
        Type = U16(16);
        Machine = U16(18);
        Flags = U32(48);
        var shoff = U64(40);
        var shnum = U16(60);
        var shstrndx = U16(62);
        var raw = new List<(uint name, uint type, ulong flags, ulong off, ulong size, uint link, uint info, ulong align, ulong ent)>();
        for (int i = 0; i < shnum; i++)
        {
            var o = (int)shoff + i * 64;
            raw.Add((U32(o), U32(o + 4), U64(o + 8), U64(o + 24), U64(o + 32), U32(o + 40), U32(o + 44), U64(o + 48), U64(o + 56)));
        }
        var names = raw[shstrndx];
        Sections = raw.Select((s, i) => new Section(i, Str(names.off, s.name), s.type, s.flags, s.off, s.size, s.link, s.info, s.align, s.ent)).ToList();

        var symtab = Sections.Single(s => s.Type == 2);
        var strtab = Sections[(int)symtab.Link];
        FirstGlobal = (int)symtab.Info;
        for (int i = 0; i < (int)(symtab.Size / 24); i++)
        {
            var o = (int)symtab.Offset + i * 24;
            var info = _bytes[o + 4];
            Symbols.Add(new Symbol(i, Str(strtab.Offset, U32(o)), info >> 4, info & 0xf, _bytes[o + 5] & 3, U16(o + 6), U64(o + 8), U64(o + 16)));
        }
        foreach (var rela in Sections.Where(s => s.Type == 4))
        {
            var target = Sections[(int)rela.Info].Name;
            for (int i = 0; i < (int)(rela.Size / 24); i++)
            {
                var o = (int)rela.Offset + i * 24;
                var info = U64(o + 8);
                Relocations.Add(new Rela(target, U64(o), (uint)info, Symbols[(int)(info >> 32)], (long)U64(o + 16)));
            }
        }
    }

    public byte Class { get; }
    public byte Data { get; }
    public ushort Type { get; }
    public ushort Machine { get; }
    public uint Flags { get; }
    public int FirstGlobal { get; }
    public List<Section> Sections { get; }
    public List<Symbol> Symbols { get; } = [];
    public List<Rela> Relocations { get; } = [];

    public Section SectionNamed(string name) => Sections.Single(s => s.Name == name);
    public Symbol SymbolNamed(string name) => Symbols.Single(s => s.Name == name);
    public ReadOnlySpan<byte> Contents(Section s) => _bytes.AsSpan((int)s.Offset, (int)s.Size);

    // EI_DATA 2 (ELFDATA2MSB, s390x) makes every field big-endian.
    private bool Big => Data == 2;
    private ushort U16(int o) => Big ? BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(o)) : BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(o));
    private uint U32(int o) => Big ? BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(o)) : BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(o));
    private ulong U64(int o) => Big ? BinaryPrimitives.ReadUInt64BigEndian(_bytes.AsSpan(o)) : BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan(o));

    private string Str(ulong table, uint offset)
    {
        var start = (int)table + (int)offset;
        var end = Array.IndexOf(_bytes, (byte)0, start);
        return Encoding.UTF8.GetString(_bytes, start, end - start);
    }
}
