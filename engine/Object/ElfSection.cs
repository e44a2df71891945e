namespace Stencil.Engine.Object;

/// <summary>One section of the object: its header fields and its bytes. Offsets in the file are
/// assigned by <see cref="ElfObjectWriter"/>.</summary>
internal sealed record ElfSection(string Name, uint Type, ulong Flags, ulong Alignment, ulong EntrySize, byte[] Content)
{
    public uint Link { get; set; }
    public uint Info { get; set; }
    /// <summary>Offset of the name in <c>.shstrtab</c>.</summary>
    public uint NameOffset { get; set; }
}
