namespace Stencil.Isa.S390x;

/// <summary>
/// The instruction formats of z/Architecture (Principles of Operation, chapter 5), as data. Slots are listed in
/// assembly order; a signature letter per slot says what the operand is: <c>r</c> general, <c>f</c> floating,
/// <c>a</c> access, <c>v</c> vector register, <c>s</c>/<c>u</c> signed/unsigned immediate, <c>d</c> storage, <c>j</c> relative;
/// <c>U</c> is an optional trailing mask, left out of the text (and zero) when absent; <c>w</c> is a vector register of
/// a single-element (<c>w</c>) instruction, named <c>%fN</c> when it overlays a floating register.
/// </summary>
internal static class InsnFormats
{
    private static readonly BitField[] Op8 = [new(0, 8)], Op16 = [new(0, 16)], Op8x4 = [new(0, 8), new(12, 4)], Op8x8 = [new(0, 8), new(40, 8)];

    private static Slot R(int bit) => new(SlotKind.Reg, new(bit, 4));
    /// <summary>A vector register at <paramref name="bit"/>; its fifth bit is the RXB bit of that field position.</summary>
    private static Slot V(int bit) => new(SlotKind.VReg, new(bit, 4), Rxb: bit switch { 8 => 36, 12 => 37, 16 => 38, 32 => 39, _ => throw new ArgumentOutOfRangeException(nameof(bit)) });
    private static Slot I(int bit, int width) => new(SlotKind.Imm, new(bit, width));
    private static Slot J(int bit, int width) => new(SlotKind.Rel, new(bit, width));
    /// <summary><c>D(B)</c> with a 12-bit displacement after the base at <paramref name="b"/>.</summary>
    private static Slot DB(int b) => new(SlotKind.Mem, new(b + 4, 12), Base: new(b, 4));
    /// <summary><c>D(X,B)</c>, index at <paramref name="x"/>, then base, then a 12-bit displacement.</summary>
    private static Slot DXB(int x) => new(SlotKind.Mem, new(x + 8, 12), new(x, 4), new(x + 4, 4));
    private static Slot DB20(int b) => DB(b) with { High = new(32, 8) };
    private static Slot DXB20(int x) => DXB(x) with { High = new(32, 8) };

    private static InsnFormat F(string name, int length, BitField[] op, string sig, params Slot[] slots) =>
        sig.Length == slots.Length ? new(name, length, op, slots, sig)
        : throw new InvalidOperationException($"format {name}: the signature `{sig}` does not cover its {slots.Length} operands");

    public static readonly InsnFormat[] All =
    [
        F("E", 2, Op16, ""),
        F("I", 2, Op8, "u", I(8, 8)),
        F("RR", 2, Op8, "rr", R(8), R(12)),
        F("RR-m", 2, Op8, "ur", I(8, 4), R(12)),
        F("RRE", 4, Op16, "rr", R(24), R(28)),
        F("RRF-a", 4, Op16, "rrr", R(24), R(28), R(16)),
        F("RRF-b", 4, Op16, "rrru", R(24), R(16), R(28), I(20, 4)),
        F("RRF-c", 4, Op16, "rru", R(24), R(28), I(16, 4)),
        F("RRF-d", 4, Op16, "rru", R(24), R(28), I(20, 4)),
        F("RRF-e", 4, Op16, "fufu", R(24), I(16, 4), R(28), I(20, 4)),
        F("RRD", 4, Op16, "fff", R(16), R(24), R(28)),
        F("RI-a", 4, Op8x4, "rs", R(8), I(16, 16)),
        F("RI-b", 4, Op8x4, "rj", R(8), J(16, 16)),
        F("RI-c", 4, Op8x4, "uj", I(8, 4), J(16, 16)),
        F("RIE-a", 6, Op8x8, "rsu", R(8), I(16, 16), I(32, 4)),
        F("RIE-d", 6, Op8x8, "rrs", R(8), R(12), I(16, 16)),
        F("RIE-f", 6, Op8x8, "rruuu", R(8), R(12), I(16, 8), I(24, 8), I(32, 8)),
        F("RIE-g", 6, Op8x8, "rsu", R(8), I(16, 16), I(12, 4)),
        F("RIL-a", 6, Op8x4, "rs", R(8), I(16, 32)),
        F("RIL-b", 6, Op8x4, "rj", R(8), J(16, 32)),
        F("RIL-c", 6, Op8x4, "uj", I(8, 4), J(16, 32)),
        F("RS-a", 4, Op8, "rrd", R(8), R(12), DB(16)),
        F("RS-b", 4, Op8, "rud", R(8), I(12, 4), DB(16)),
        F("RSY-a", 6, Op8x8, "rrd", R(8), R(12), DB20(16)),
        F("RSY-b", 6, Op8x8, "rud", R(8), I(12, 4), DB20(16)),
        F("RX-a", 4, Op8, "rd", R(8), DXB(12)),
        F("RX-b", 4, Op8, "ud", I(8, 4), DXB(12)),
        F("RXY-a", 6, Op8x8, "rd", R(8), DXB20(12)),
        F("RXY-b", 6, Op8x8, "ud", I(8, 4), DXB20(12)),
        F("RXE", 6, Op8x8, "fdu", R(8), DXB(12), I(32, 4)),
        F("RXF", 6, Op8x8, "ffd", R(32), R(8), DXB(12)),
        F("S", 4, Op16, "d", DB(16)),
        F("SI", 4, Op8, "du", DB(16), I(8, 8)),
        F("SIY", 6, Op8x8, "du", DB20(16), I(8, 8)),
        F("SIL", 6, Op16, "ds", DB(16), I(32, 16)),
        // The vector facility: RXB (bits 36-39) holds each vector register's fifth bit.
        F("VRX", 6, Op8x8, "vdU", V(8), DXB(12), I(32, 4)),
        F("VRR-a", 6, Op8x8, "vvuuu", V(8), V(12), I(32, 4), I(28, 4), I(24, 4)),
        F("VRR-b", 6, Op8x8, "vvvuu", V(8), V(12), V(16), I(32, 4), I(24, 4)),
        F("VRR-c", 6, Op8x8, "vvvuuu", V(8), V(12), V(16), I(32, 4), I(28, 4), I(24, 4)),
        F("VRR-d", 6, Op8x8, "vvvvuu", V(8), V(12), V(16), V(32), I(20, 4), I(24, 4)),
        F("VRR-e", 6, Op8x8, "vvvvuu", V(8), V(12), V(16), V(32), I(28, 4), I(20, 4)),
        F("VRR-f", 6, Op8x8, "vrr", V(8), R(12), R(16)),
        F("VRI-a", 6, Op8x8, "vsu", V(8), I(16, 16), I(32, 4)),
        F("VRI-b", 6, Op8x8, "vuuu", V(8), I(16, 8), I(24, 8), I(32, 4)),
        F("VRI-c", 6, Op8x8, "vvuu", V(8), V(12), I(16, 16), I(32, 4)),
        F("VRI-d", 6, Op8x8, "vvvuu", V(8), V(12), V(16), I(24, 8), I(32, 4)),
        F("VRI-k", 6, Op8x8, "vvvvu", V(8), V(12), V(16), V(32), I(24, 8)),
        F("VRS-a", 6, Op8x8, "vvdu", V(8), V(12), DB(16), I(32, 4)),
        F("VRS-b", 6, Op8x8, "vrdu", V(8), R(12), DB(16), I(32, 4)),
        F("VRS-c", 6, Op8x8, "rvdu", R(8), V(12), DB(16), I(32, 4)),
    ];

    private static readonly Dictionary<string, InsnFormat> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static InsnFormat Get(string name) =>
        ByName.TryGetValue(name, out var f) ? f : throw new InvalidOperationException($"no s390x instruction format `{name}`");
}
