using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Module;

/// <summary>How many bytes each relocation kind patches, as one table indexed by <see cref="Reloc"/>.</summary>
public static class RelocWidth
{
    private static readonly byte[] Widths = BuildTable();

    private static byte[] BuildTable()
    {
        var table = new byte[Enum.GetValues<Reloc>().Max(r => (int)r) + 1];
        table[(int)Reloc.Abs4] = 4;
        table[(int)Reloc.Abs8] = 8;
        table[(int)Reloc.X86PCRel4] = 4;
        table[(int)Reloc.X86CallPCRel4] = 4;
        table[(int)Reloc.X86CallPLTRel4] = 4;
        table[(int)Reloc.X86GOTPCRel4] = 4;
        return table;
    }

    /// <summary>The patched width in bytes, or false for a kind this table does not know.</summary>
    public static bool TryGet(Reloc kind, out int width)
    {
        width = (int)kind < Widths.Length ? Widths[(int)kind] : 0;
        return width != 0;
    }
}
