using Stencil.Ir;

namespace Stencil.Isa.CodeGen;

/// <summary>
/// One row of <see cref="RelocTable"/>: the field <paramref name="Kind"/> patches is <paramref name="Width"/> bytes
/// holding <paramref name="Formula"/>'s value shifted right by <paramref name="ScaleShift"/> (s390x counts branch and
/// larl distances in halfwords, so the value must be even there), which must fit as a signed or unsigned number of that
/// width; and how each machine's ELF writer names it.
/// </summary>
public sealed record RelocInfo(Reloc Kind, int Width, RelocFormula Formula, bool Signed, IReadOnlyList<ElfRelocNumber> Elf, int ScaleShift = 0)
{
    /// <summary>Whether the value depends on where the field lies (P), so a far target may be out of reach.</summary>
    public bool IsPcRelative => Formula is RelocFormula.PcRelative or RelocFormula.GotPcRelative;

    /// <summary>The ELF type on <paramref name="machine"/>, or false when this kind has none there.</summary>
    public bool TryGetElfType(Architecture machine, bool targetIsPreemptible, out uint type)
    {
        foreach (var number in Elf)
        {
            if (number.Machine != machine) continue;
            type = targetIsPreemptible ? number.PreemptibleType : number.Type;
            return true;
        }
        type = 0;
        return false;
    }

    /// <summary>Whether <paramref name="value"/> (in bytes, before scaling) is representable in the field: a multiple of
    /// the unit, and in range once scaled.</summary>
    public bool Fits(long value)
    {
        if ((value & ((1L << ScaleShift) - 1)) != 0) return false;
        value >>= ScaleShift;
        if (Width >= 8) return true;
        int bits = Width * 8;
        return Signed
            ? value >= -(1L << (bits - 1)) && value < 1L << (bits - 1)
            : value >= 0 && value < 1L << bits;
    }

    /// <summary>Writes <paramref name="value"/> (in bytes, before scaling) into the first <see cref="Width"/> bytes of
    /// <paramref name="field"/> in <paramref name="order"/>; false (nothing written) when it does not fit.</summary>
    public bool TryWrite(Span<byte> field, long value, Endianness order)
    {
        if (!Fits(value) || field.Length < Width) return false;
        FieldBytes.Write(field[..Width], (ulong)(value >> ScaleShift), order);
        return true;
    }
}
