namespace Stencil.Isa.CodeGen;

/// <summary>
/// Every relocation kind a backend may emit, as one table of data read by everything that handles relocations: the
/// definition checks of a module (width), the ELF writer (type per machine), the JIT (formula, width, range) and the
/// cache codec (which kinds exist). A kind without a row is an error wherever it turns up, never a guess.
/// </summary>
public static class RelocTable
{
    private static readonly RelocInfo[] Rows =
    [
        new(Reloc.Abs4, 4, RelocFormula.Absolute, Signed: false,
            [new(Architecture.X86_64, 10, 10), new(Architecture.S390x, 4, 4)]),     // R_X86_64_32, R_390_32
        new(Reloc.Abs8, 8, RelocFormula.Absolute, Signed: false,
            [new(Architecture.X86_64, 1, 1), new(Architecture.S390x, 22, 22)]),     // R_X86_64_64, R_390_64
        new(Reloc.X86PCRel4, 4, RelocFormula.PcRelative, Signed: true, [new(Architecture.X86_64, 2, 2)]), // R_X86_64_PC32
        // A direct call to a preemptible symbol is written as PLT32 (see ElfRelocNumber).
        new(Reloc.X86CallPCRel4, 4, RelocFormula.PcRelative, Signed: true, [new(Architecture.X86_64, 2, 4)]), // PC32, PLT32
        new(Reloc.X86CallPLTRel4, 4, RelocFormula.PcRelative, Signed: true, [new(Architecture.X86_64, 4, 4)]), // R_X86_64_PLT32
        new(Reloc.X86GOTPCRel4, 4, RelocFormula.GotPcRelative, Signed: true, [new(Architecture.X86_64, 9, 9)]), // R_X86_64_GOTPCREL
        new(Reloc.S390xPCRel32Dbl, 4, RelocFormula.PcRelative, Signed: true, [new(Architecture.S390x, 19, 19)], ScaleShift: 1), // R_390_PC32DBL
        new(Reloc.S390xPltRel32Dbl, 4, RelocFormula.PcRelative, Signed: true, [new(Architecture.S390x, 20, 20)], ScaleShift: 1), // R_390_PLT32DBL
        new(Reloc.S390xTlsGd64, 8, RelocFormula.TlsGeneralDynamic, Signed: false, [new(Architecture.S390x, 41, 41)]), // R_390_TLS_GD64
        new(Reloc.S390xTlsGdCall, 0, RelocFormula.Marker, Signed: false, [new(Architecture.S390x, 38, 38)]),    // R_390_TLS_GDCALL
        new(Reloc.X86TlsGd, 4, RelocFormula.TlsGeneralDynamic, Signed: true, [new(Architecture.X86_64, 19, 19)]), // R_X86_64_TLSGD
    ];

    private static readonly RelocInfo?[] ByKind = Index();

    private static RelocInfo?[] Index()
    {
        var byKind = new RelocInfo?[byte.MaxValue + 1];
        foreach (var row in Rows)
        {
            if (byKind[(byte)row.Kind] is not null) throw new InvalidOperationException($"{row.Kind} has two rows in the relocation table");
            byKind[(byte)row.Kind] = row;
        }
        return byKind;
    }

    /// <summary>Every row, in kind order.</summary>
    public static IReadOnlyList<RelocInfo> All => Rows;

    /// <summary>The row of <paramref name="kind"/>; false for a value that names no kind.</summary>
    public static bool TryGet(Reloc kind, out RelocInfo info)
    {
        info = ByKind[(byte)kind]!;
        return info is not null;
    }

    /// <summary>The row of <paramref name="kind"/>; a value without one is a bug of ours, not bad input.</summary>
    public static RelocInfo Get(Reloc kind) =>
        TryGet(kind, out var info) ? info : throw new InvalidOperationException($"relocation kind {(int)kind} is not in the relocation table");
}
