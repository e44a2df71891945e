using System.Runtime.CompilerServices;
namespace Stencil.Engine.Object;

/// <summary>The body of a <c>.rela</c> section: its relocations in the order the linker must see them (see
/// <see cref="Stencil.Isa.CodeGen.RelocOrder"/>), encoded when the object is written.</summary>
internal sealed class ElfRelocationList(ElfRelocation[] relocations, ElfFields fields) : IElfSectionBody
{
    public int Length => checked(relocations.Length * ElfConstants.RelaSize);

    // Runs once per build over every definition: optimized from its first call (see ObjectAssembler).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteTo(Span<byte> destination)
    {
        for (int i = 0; i < relocations.Length; i++)
            relocations[i].WriteTo(destination.Slice(i * ElfConstants.RelaSize, ElfConstants.RelaSize), fields);
    }
}
