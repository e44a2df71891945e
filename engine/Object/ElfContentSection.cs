using System.Runtime.CompilerServices;
using Stencil.Engine.Module;

namespace Stencil.Engine.Object;

/// <summary>
/// A section being filled with definitions: each appended at its alignment, padding with a fixed byte, and
/// each definition's relocations remembered at their section offsets. Definitions are kept by reference (the
/// module owns them and never changes them) and are copied only once, into the object itself.
/// </summary>
internal sealed class ElfContentSection(string name, ulong flags, byte padding) : IElfSectionBody
{
    private readonly List<(int Offset, byte[] Bytes)> _pieces = [];

    public string Name { get; } = name;
    public ulong Flags { get; } = flags;
    public ulong Alignment { get; private set; } = 1;
    public List<(ulong Offset, ModuleReloc Reloc)> Relocs { get; } = [];
    public bool HasDefinitions => _pieces.Count > 0;
    public int Length { get; private set; }

    /// <summary>ELF index, assigned once the section list is fixed.</summary>
    public ushort Index { get; set; }

    /// <summary>Appends <paramref name="content"/> at <paramref name="alignment"/> (a power of two, as the module
    /// checked) and returns its offset.</summary>
    public ulong Append(byte[] content, int alignment, IReadOnlyList<ModuleReloc> relocs)
    {
        Alignment = Math.Max(Alignment, (ulong)alignment);
        int offset = checked(Length + alignment - 1) & -alignment;
        _pieces.Add((offset, content));
        Length = checked(offset + content.Length);
        for (int i = 0; i < relocs.Count; i++) Relocs.Add(((ulong)offset + relocs[i].Offset, relocs[i]));
        return (ulong)offset;
    }

    // Runs once per build over every definition: optimized from its first call (see ObjectAssembler).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteTo(Span<byte> destination)
    {
        int position = 0;
        foreach (var (offset, bytes) in _pieces)
        {
            destination[position..offset].Fill(padding);
            bytes.CopyTo(destination[offset..]);
            position = offset + bytes.Length;
        }
    }
}
