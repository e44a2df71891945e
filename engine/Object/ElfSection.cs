namespace Stencil.Engine.Object;

/// <summary>One section of the object: its header fields and its body. Offsets in the file are
/// assigned by <see cref="ElfObjectWriter"/>.</summary>
internal sealed record ElfSection(string Name, uint Type, ulong Flags, ulong Alignment, ulong EntrySize, IElfSectionBody Body)
{
    public uint Link { get; set; }
    public uint Info { get; set; }
    /// <summary>Offset of the name in <c>.shstrtab</c>.</summary>
    public uint NameOffset { get; set; }
}
