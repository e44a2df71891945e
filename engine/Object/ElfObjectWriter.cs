using System.Buffers;

namespace Stencil.Engine.Object;

/// <summary>
/// Lays finished sections out into an ELF64 relocatable file for one machine (its number and byte order from
/// <see cref="ElfMachine"/>) and writes it: the header,
/// each section's bytes at its alignment (in section order), then the section header table. Layout is
/// computed once, so the size is known before writing and every write gives the same bytes. Writing fills
/// one span of exactly that size, each section encoding itself in place.
/// </summary>
internal sealed class ElfObjectWriter
{
    private readonly IReadOnlyList<ElfSection> _sections;
    private readonly int[] _offsets;
    private readonly ushort _shstrtabIndex;
    private readonly ElfMachine _machine;
    private readonly ElfFields _fields;
    private readonly int _sectionHeadersOffset;

    /// <param name="sections">Every section but the leading null one; section i here has index i + 1.</param>
    /// <param name="shstrtabIndex">The ELF index of the section holding section names.</param>
    public ElfObjectWriter(IReadOnlyList<ElfSection> sections, ushort shstrtabIndex, ElfMachine machine)
    {
        _sections = sections;
        _machine = machine;
        _fields = new ElfFields(machine.ByteOrder);
        _shstrtabIndex = shstrtabIndex;
        _offsets = new int[sections.Count];
        ulong position = ElfConstants.EhdrSize;
        for (int i = 0; i < sections.Count; i++)
        {
            position = AlignUp(position, Math.Max(sections[i].Alignment, 1));
            _offsets[i] = checked((int)position);
            position += (ulong)sections[i].Body.Length;
        }
        _sectionHeadersOffset = checked((int)AlignUp(position, 8));
        Size = checked(_sectionHeadersOffset + (sections.Count + 1) * ElfConstants.ShdrSize);
    }

    /// <summary>Total file size in bytes.</summary>
    public int Size { get; }

    public void WriteTo(IBufferWriter<byte> writer)
    {
        WriteTo(writer.GetSpan(Size));
        writer.Advance(Size);
    }

    /// <summary>Writes the whole object into the first <see cref="Size"/> bytes of <paramref name="destination"/>,
    /// every byte of them (padding included), so the destination need not be cleared.</summary>
    public void WriteTo(Span<byte> destination)
    {
        var file = destination[..Size];
        WriteHeader(file[..ElfConstants.EhdrSize]);
        int position = ElfConstants.EhdrSize;
        for (int i = 0; i < _sections.Count; i++)
        {
            var body = _sections[i].Body;
            file[position.._offsets[i]].Clear();
            body.WriteTo(file.Slice(_offsets[i], body.Length));
            position = _offsets[i] + body.Length;
        }
        file[position.._sectionHeadersOffset].Clear();
        var headers = file[_sectionHeadersOffset..];
        headers[..ElfConstants.ShdrSize].Clear();
        for (int i = 0; i < _sections.Count; i++)
            WriteSectionHeader(headers.Slice((i + 1) * ElfConstants.ShdrSize, ElfConstants.ShdrSize), _sections[i], _offsets[i]);
    }

    private void WriteHeader(Span<byte> h)
    {
        h.Clear();
        h[0] = 0x7f; h[1] = (byte)'E'; h[2] = (byte)'L'; h[3] = (byte)'F';
        h[4] = ElfConstants.ElfClass64;
        h[5] = _machine.DataEncoding;
        h[6] = ElfConstants.EvCurrent;
        h[7] = ElfConstants.ElfOsAbiNone;
        _fields.U16(h[16..], ElfConstants.EtRel);
        _fields.U16(h[18..], _machine.Number);
        _fields.U32(h[20..], ElfConstants.EvCurrent);
        // e_entry (24) and e_phoff (32) stay zero: a relocatable object has neither.
        _fields.U64(h[40..], (ulong)_sectionHeadersOffset);
        // e_flags (48) is zero on x86-64 and on s390x (no flags are defined for 64-bit objects).
        _fields.U16(h[52..], ElfConstants.EhdrSize);
        // e_phentsize (54) and e_phnum (56) stay zero.
        _fields.U16(h[58..], ElfConstants.ShdrSize);
        _fields.U16(h[60..], checked((ushort)(_sections.Count + 1)));
        _fields.U16(h[62..], _shstrtabIndex);
    }

    private void WriteSectionHeader(Span<byte> s, ElfSection section, int offset)
    {
        s.Clear();
        _fields.U32(s, section.NameOffset);
        _fields.U32(s[4..], section.Type);
        _fields.U64(s[8..], section.Flags);
        // sh_addr (16) is zero: nothing is placed at an address before linking.
        _fields.U64(s[24..], (ulong)offset);
        _fields.U64(s[32..], (ulong)section.Body.Length);
        _fields.U32(s[40..], section.Link);
        _fields.U32(s[44..], section.Info);
        _fields.U64(s[48..], Math.Max(section.Alignment, 1));
        _fields.U64(s[56..], section.EntrySize);
    }

    private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);
}
