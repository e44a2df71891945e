namespace Stencil.Ir;

/// <summary>Flags on a memory access, packed in 16 bits (bits 0-7 booleans, 8-9 endianness, 10-15 unused) plus an optional trap code.</summary>
public readonly record struct MemFlags
{
    private const ushort NotrapBit = 1, AlignedBit = 2, ReadonlyBit = 4, HeapBit = 8, TableBit = 16, VmctxBit = 32, CheckedBit = 64, CanMoveBit = 128;
    private static readonly (ushort Bit, string Name)[] BoolNames =
        [(NotrapBit, "notrap"), (AlignedBit, "aligned"), (ReadonlyBit, "readonly"), (HeapBit, "heap"), (TableBit, "table"), (VmctxBit, "vmctx"), (CheckedBit, "checked"), (CanMoveBit, "can_move")];

    public ushort Bits { get; }
    private MemFlags(ushort bits) => Bits = bits;

    public static MemFlags None => default;
    public static MemFlags Trusted => new(NotrapBit | AlignedBit);
    public static MemFlags FromBits(ushort bits) => new(bits);

    public bool Notrap => (Bits & NotrapBit) != 0;
    public bool Aligned => (Bits & AlignedBit) != 0;
    public bool Readonly => (Bits & ReadonlyBit) != 0;
    public Endianness Endianness => (Endianness)((Bits >> 8) & 3);

    public MemFlags WithEndianness(Endianness e) => new((ushort)((Bits & ~0x300) | ((int)e << 8)));

    /// <summary>Applies one text flag (<c>notrap</c>, <c>little</c>, ...); false if the word is not a flag.</summary>
    public bool TrySet(ReadOnlySpan<char> word, out MemFlags result)
    {
        foreach (var (bit, name) in BoolNames)
            if (word.SequenceEqual(name)) { result = new MemFlags((ushort)(Bits | bit)); return true; }
        if (word.SequenceEqual("little")) { result = WithEndianness(Endianness.Little); return true; }
        if (word.SequenceEqual("big")) { result = WithEndianness(Endianness.Big); return true; }
        result = this; return false;
    }

    /// <summary>Text form: each set flag preceded by a space (empty when none), as the writer prints it.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var (bit, name) in BoolNames) if ((Bits & bit) != 0) sb.Append(' ').Append(name);
        if (Endianness == Endianness.Little) sb.Append(" little");
        else if (Endianness == Endianness.Big) sb.Append(" big");
        return sb.ToString();
    }
}
