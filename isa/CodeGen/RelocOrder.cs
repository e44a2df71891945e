namespace Stencil.Isa.CodeGen;

/// <summary>
/// The order relocations are kept in, by code generators and object writers alike: by offset, those at one offset
/// in the order given (a stable sort), except that a <see cref="RelocFormula.Marker"/> relocation stays right behind
/// the relocation given before it. A marker tags an instruction whose field the earlier relocation patches, often at
/// a lower offset (s390x's <c>R_390_TLS_GDCALL</c> at the <c>brasl</c>, after <c>R_390_PLT32DBL</c> at its field
/// two bytes on), and BFD ld's TLS relaxation rewrites the wrong bytes when the two are swapped.
/// </summary>
public static class RelocOrder
{
    /// <summary><paramref name="relocs"/> in this order; the list itself when it already is (the usual case).</summary>
    public static IReadOnlyList<T> Sort<T>(IReadOnlyList<T> relocs, Func<T, ulong> offset, Func<T, Reloc> kind)
    {
        ulong previousKey = 0;
        bool sorted = true;
        for (int i = 0; i < relocs.Count && sorted; i++)
        {
            if (IsMarker(kind(relocs[i])) && i > 0) continue;
            ulong key = offset(relocs[i]);
            sorted = key >= previousKey;
            previousKey = key;
        }
        if (sorted) return relocs;

        var keyed = new (ulong Key, int Index)[relocs.Count];
        ulong groupKey = 0;
        for (int i = 0; i < relocs.Count; i++)
        {
            if (!IsMarker(kind(relocs[i])) || i == 0) groupKey = offset(relocs[i]);
            keyed[i] = (groupKey, i);
        }
        // The index breaks ties, so the sort is stable and a marker never leaves its group.
        Array.Sort(keyed);
        var result = new T[relocs.Count];
        for (int i = 0; i < keyed.Length; i++) result[i] = relocs[keyed[i].Index];
        return result;
    }

    private static bool IsMarker(Reloc kind) => RelocTable.TryGet(kind, out var info) && info.Formula == RelocFormula.Marker;
}
