namespace Stencil.Engine.Object;

/// <summary>
/// The section numbering, fixed before anything refers to it: each content section followed by its
/// <c>.rela</c> section when it has relocations, then <c>.note.GNU-stack</c>, <c>.symtab</c>,
/// <c>.strtab</c> and <c>.shstrtab</c>. Index 0 is the null section.
/// </summary>
internal sealed record ElfSectionLayout(ushort SymtabIndex, ushort StrtabIndex, ushort ShstrtabIndex)
{
    public static ElfSectionLayout Assign(IReadOnlyList<ElfContentSection> contentSections)
    {
        ushort next = 1;
        foreach (var content in contentSections)
        {
            content.Index = next++;
            if (content.Relocs.Count > 0) next++;
        }
        next++; // .note.GNU-stack
        var symtab = next++;
        var strtab = next++;
        return new ElfSectionLayout(symtab, strtab, next);
    }
}
