using Stencil.Engine.Module;

namespace Stencil.Engine.Object;

/// <summary>A section being filled with definitions: bytes appended at their alignment, padding with a
/// fixed byte, and each definition's relocations remembered at their section offsets.</summary>
internal sealed class ElfContentSection(string name, ulong flags, byte padding)
{
    private readonly List<byte> _bytes = [];

    public string Name { get; } = name;
    public ulong Flags { get; } = flags;
    public ulong Alignment { get; private set; } = 1;
    public List<(ulong Offset, ModuleReloc Reloc)> Relocs { get; } = [];
    public bool HasDefinitions { get; private set; }

    /// <summary>ELF index, assigned once the section list is fixed.</summary>
    public ushort Index { get; set; }

    /// <summary>Appends <paramref name="content"/> at <paramref name="alignment"/> and returns its offset.</summary>
    public ulong Append(ReadOnlySpan<byte> content, int alignment, IReadOnlyList<ModuleReloc> relocs)
    {
        HasDefinitions = true;
        Alignment = Math.Max(Alignment, (ulong)alignment);
        while (_bytes.Count % alignment != 0) _bytes.Add(padding);
        var offset = (ulong)_bytes.Count;
        _bytes.AddRange(content);
        foreach (var r in relocs) Relocs.Add((offset + r.Offset, r));
        return offset;
    }

    public byte[] ToArray() => [.. _bytes];
}
