using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Object;

/// <summary>
/// How each <see cref="Reloc"/> kind is written as an x86-64 ELF relocation, as one table of data.
/// A direct call to a symbol that a shared library may bind elsewhere (undefined, or a default-visibility
/// global) is written as PLT32: the linker then routes it through the PLT or resolves it directly,
/// whereas PC32 against such a symbol is rejected when linking with <c>-shared</c>.
/// </summary>
internal static class ElfRelocationTable
{
    private readonly record struct Row(Reloc Kind, uint Type, uint TypeForPreemptibleTarget);

    private static readonly Row[] Rows =
    [
        new(Reloc.X86CallPLTRel4, ElfConstants.RX86_64_PLT32, ElfConstants.RX86_64_PLT32),
        new(Reloc.X86CallPCRel4, ElfConstants.RX86_64_PC32, ElfConstants.RX86_64_PLT32),
        new(Reloc.X86PCRel4, ElfConstants.RX86_64_PC32, ElfConstants.RX86_64_PC32),
        new(Reloc.X86GOTPCRel4, ElfConstants.RX86_64_GOTPCREL, ElfConstants.RX86_64_GOTPCREL),
        new(Reloc.Abs8, ElfConstants.RX86_64_64, ElfConstants.RX86_64_64),
        new(Reloc.Abs4, ElfConstants.RX86_64_32, ElfConstants.RX86_64_32),
    ];

    public static bool TryGetType(Reloc kind, bool targetIsPreemptible, out uint type)
    {
        foreach (var row in Rows)
        {
            if (row.Kind != kind) continue;
            type = targetIsPreemptible ? row.TypeForPreemptibleTarget : row.Type;
            return true;
        }
        type = 0;
        return false;
    }
}
