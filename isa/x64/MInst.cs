using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa.Backend;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.X64;

/// <summary>One x86-64 machine instruction over virtual or physical registers (see <see cref="X64Op"/>
/// for each op's operand slots). Built by the static factories; the emitter reads the fields.</summary>
internal sealed class MInst : IMachInst
{
    private static readonly OperandKind[] DefUse = [OperandKind.Def, OperandKind.Use];
    private static readonly OperandKind[] ModUse = [OperandKind.Mod, OperandKind.Use];
    private static readonly OperandKind[] UseUse = [OperandKind.Use, OperandKind.Use];
    private static readonly OperandKind[] DefUseUse = [OperandKind.Def, OperandKind.Use, OperandKind.Use];
    private static readonly OperandKind[] UseUseUse = [OperandKind.Use, OperandKind.Use, OperandKind.Use];
    private static readonly OperandKind[] JustDef = [OperandKind.Def];
    private static readonly OperandKind[] JustMod = [OperandKind.Mod];
    private static readonly OperandKind[] JustUse = [OperandKind.Use];

    private MInst(X64Op op, Reg[] regs, OperandKind[] kinds)
    {
        Op = op;
        Regs = regs;
        Kinds = kinds;
    }

    public X64Op Op { get; }
    public Reg[] Regs { get; private set; }
    public OperandKind[] Kinds { get; }
    // Widths (1 to 16) in bytes and the divisor in Imm keep the object small: lowering makes one per instruction.
    private readonly byte _size = 8;
    private readonly byte _fromSize;
    private readonly bool _divisorKnown;

    public int Size { get => _size; private init => _size = checked((byte)value); }
    public long Imm { get; private init; }
    public AluOp Alu { get; private init; }
    public UnaryOp Unary { get; private init; }
    public ShiftOp Shift { get; private init; }
    public FAluOp FAlu { get; private init; }
    public DivKind Div { get; private init; }
    public CondCode Cc { get; private init; }
    public TrapCode Trap { get; private init; }
    public int FromSize { get => _fromSize; private init => _fromSize = checked((byte)value); }
    public bool Signed { get; private init; }
    public bool IsTrapSite { get; private init; }
    public bool Saturating { get; private init; }
    public AtomicRmwOp Rmw { get; private init; }
    public Amode Mem { get; private init; }
    public ExternalName Name { get; private init; }
    public Reloc RelocKind { get; private init; }
    public int Target { get; private init; }
    public int Target2 { get; private init; }
    /// <summary>Calls clobber the caller-saved registers; nothing else clobbers beyond its operands.</summary>
    public IReadOnlyList<Reg> Clobbers => Op is X64Op.Call or X64Op.CallInd or X64Op.ElfTlsGetAddr ? X64Regs.CallClobbers : [];

    /// <summary>A division's divisor when it is a constant (held in <see cref="Imm"/>, which division does not use).</summary>
    public long? KnownDivisor
    {
        get => _divisorKnown ? Imm : null;
        private init
        {
            _divisorKnown = value.HasValue;
            if (value is { } known) Imm = known;
        }
    }
    public BitCountOp Count { get; private init; }

    public int OperandCount => Regs.Length;
    public Reg GetOperand(int index) => Regs[index];
    public OperandKind GetOperandKind(int index) => Kinds[index];

    /// <summary>This instruction with operand <paramref name="index"/> replaced (live-range splitting renames uses).</summary>
    public MInst WithOperand(int index, Reg reg)
    {
        var regs = (Reg[])Regs.Clone();
        regs[index] = reg;
        var copy = (MInst)MemberwiseClone();
        copy.Regs = regs;
        return copy;
    }

    public bool IsMove(out Reg dst, out Reg src)
    {
        if (Op != X64Op.MovRR)
        {
            dst = src = default;
            return false;
        }
        dst = Regs[0];
        src = Regs[1];
        return true;
    }

    public static MInst Mov(Reg dst, Reg src, int size = 8) => new(X64Op.MovRR, [dst, src], DefUse) { Size = size };
    public static MInst MovImm(Reg dst, long imm) => new(X64Op.MovImm, [dst], JustDef) { Imm = imm };
    public static MInst AluRR(AluOp op, Reg dst, Reg src, int size) => new(X64Op.Alu, [dst, src], ModUse) { Alu = op, Size = size };
    public static MInst AluMem(AluOp op, Reg dst, Reg baseReg, Amode mem, int size, bool trap) =>
        new(X64Op.AluMem, [dst, baseReg], ModUse) { Alu = op, Mem = mem, Size = size, IsTrapSite = trap };
    public static MInst AluRI(AluOp op, Reg dst, int imm, int size) => new(X64Op.AluImm, [dst], JustMod) { Alu = op, Imm = imm, Size = size };
    public static MInst AluToMem(AluOp op, Reg operand, Reg baseReg, Amode mem, int size, bool trap) =>
        new(X64Op.AluToMem, [operand, baseReg], UseUse) { Alu = op, Mem = mem, Size = size, IsTrapSite = trap };
    public static MInst ImulImm(Reg dst, Reg src, int imm, int size) => new(X64Op.ImulImm, [dst, src], DefUse) { Alu = AluOp.Imul, Imm = imm, Size = size };
    public static MInst Cmp(Reg a, Reg b, int size) => new(X64Op.Cmp, [a, b], UseUse) { Size = size };
    public static MInst CmpImm(Reg a, int imm, int size) => new(X64Op.CmpImm, [a], JustUse) { Imm = imm, Size = size };
    public static MInst Test(Reg a, Reg b, int size) => new(X64Op.Test, [a, b], UseUse) { Size = size };
    public static MInst Un(UnaryOp op, Reg dst, int size) => new(X64Op.Unary, [dst], JustMod) { Unary = op, Size = size };
    public static MInst ShiftCl(ShiftOp op, Reg dst, int size) => new(X64Op.Shift, [dst, X64Regs.Rcx], ModUse) { Shift = op, Size = size };
    public static MInst ShiftRI(ShiftOp op, Reg dst, int amount, int size) => new(X64Op.ShiftImm, [dst], JustMod) { Shift = op, Imm = amount, Size = size };
    public static MInst Extend(Reg dst, Reg src, int fromSize, bool signed) => new(X64Op.Extend, [dst, src], DefUse) { FromSize = fromSize, Signed = signed };
    public static MInst Setcc(CondCode cc, Reg dst) => new(X64Op.Setcc, [dst], JustDef) { Cc = cc };
    public static MInst Cmov(CondCode cc, Reg dst, Reg src, int size) => new(X64Op.Cmov, [dst, src], ModUse) { Cc = cc, Size = size };

    /// <summary>Loads <paramref name="size"/> bytes; <paramref name="signed"/> picks sign- over zero-extension for narrow integer loads.</summary>
    /// <param name="trap">Whether the access may fault and so is a heap_oob trap site.</param>
    public static MInst Load(Reg dst, Reg? baseReg, Amode mem, int size, bool signed, bool trap = false) =>
        baseReg is { } b
            ? new(X64Op.Load, [dst, b], DefUse) { Mem = mem, Size = size, Signed = signed, IsTrapSite = trap }
            : new(X64Op.Load, [dst], JustDef) { Mem = mem, Size = size, Signed = signed, IsTrapSite = trap };

    public static MInst Store(Reg value, Reg? baseReg, Amode mem, int size, bool trap = false) =>
        baseReg is { } b
            ? new(X64Op.Store, [value, b], UseUse) { Mem = mem, Size = size, IsTrapSite = trap }
            : new(X64Op.Store, [value], JustUse) { Mem = mem, Size = size, IsTrapSite = trap };

    public static MInst Lea(Reg dst, Amode mem) => new(X64Op.Lea, [dst], JustDef) { Mem = mem };

    /// <summary>An access through [base + index * (1 &lt;&lt; mem.Shift) + mem.Disp] (<see cref="AmodeKind.RegIndexDisp"/>);
    /// with no index, [base + mem.Disp].</summary>
    public static MInst LoadIndexed(Reg dst, Reg baseReg, Reg? index, Amode mem, int size, bool signed, bool trap) =>
        index is { } i
            ? new(X64Op.Load, [dst, baseReg, i], DefUseUse) { Mem = mem, Size = size, Signed = signed, IsTrapSite = trap }
            : Load(dst, baseReg, mem, size, signed, trap);

    public static MInst StoreIndexed(Reg value, Reg baseReg, Reg? index, Amode mem, int size, bool trap) =>
        index is { } i
            ? new(X64Op.Store, [value, baseReg, i], UseUseUse) { Mem = mem, Size = size, IsTrapSite = trap }
            : Store(value, baseReg, mem, size, trap);

    /// <summary><c>lea dst, [base + index * (1 &lt;&lt; mem.Shift) + mem.Disp]</c>: a three-address add that leaves flags alone.</summary>
    /// <param name="size">4 computes the low 32 bits only (<c>lea r32</c>), enough for an add of a narrow type.</param>
    public static MInst LeaIndexed(Reg dst, Reg baseReg, Reg? index, Amode mem, int size = 8) =>
        index is { } i
            ? new(X64Op.Lea, [dst, baseReg, i], DefUseUse) { Mem = mem, Size = size }
            : new(X64Op.Lea, [dst, baseReg], DefUse) { Mem = mem, Size = size };
    public static MInst LeaSymbol(Reg dst, ExternalName name, long addend, bool viaGot) =>
        new(X64Op.LeaSymbol, [dst], JustDef) { Name = name, Imm = addend, Signed = viaGot };

    /// <param name="size">Operation width (4 or 8).</param>
    /// <param name="typeSize">Width of the IR type, whose minimum the signed overflow check tests.</param>
    /// <param name="knownDivisor">The divisor's value when it is a constant: the checks it cannot fail are left out.</param>
    public static MInst DivOp(DivKind kind, Reg divisor, int size, int typeSize, long? knownDivisor = null) =>
        new(X64Op.Div, [divisor, X64Regs.Rax, X64Regs.Rdx], [OperandKind.Use, OperandKind.Mod, OperandKind.Mod])
        { Div = kind, Size = size, FromSize = typeSize, KnownDivisor = knownDivisor };

    public static MInst Jmp(int target) => new(X64Op.Jmp, [], []) { Target = target };
    public static MInst Jcc(CondCode cc, int taken, int notTaken) => new(X64Op.Jcc, [], []) { Cc = cc, Target = taken, Target2 = notTaken };

    public static MInst Call(ExternalName name, Reloc kind, Reg[] args) =>
        new(X64Op.Call, args, Uses(args.Length)) { Name = name, RelocKind = kind };

    public static MInst ElfTlsGetAddr(ExternalName symbol) =>
        new(X64Op.ElfTlsGetAddr, [], []) { Name = symbol };
    public static MInst CallInd(Reg callee, Reg[] args) =>
        new(X64Op.CallInd, [callee, .. args], Uses(args.Length + 1));

    public static MInst Ret(Reg[] values) => new(X64Op.Ret, values, Uses(values.Length));
    public static MInst Ud2(TrapCode code) => new(X64Op.Ud2, [], []) { Trap = code };
    public static MInst TrapIf(CondCode cc, TrapCode code) => new(X64Op.TrapIf, [], []) { Cc = cc, Trap = code };

    public static MInst FAluRR(FAluOp op, Reg dst, Reg src, int size) => new(X64Op.FAlu, [dst, src], ModUse) { FAlu = op, Size = size };
    public static MInst FCmp(Reg a, Reg b, int size) => new(X64Op.FCmp, [a, b], UseUse) { Size = size };
    public static MInst GprToXmm(Reg dst, Reg src, int size) => new(X64Op.GprToXmm, [dst, src], DefUse) { Size = size };
    public static MInst XmmToGpr(Reg dst, Reg src, int size) => new(X64Op.XmmToGpr, [dst, src], DefUse) { Size = size };
    public static MInst CvtIntToFloat(Reg dst, Reg src, int intSize, int floatSize) => new(X64Op.CvtIntToFloat, [dst, src], DefUse) { Size = intSize, FromSize = floatSize };
    public static MInst CvtFloatToInt(Reg dst, Reg src, int intSize, int floatSize, bool saturating = false) =>
        new(X64Op.CvtFloatToInt, [dst, src], DefUse) { Size = intSize, FromSize = floatSize, Saturating = saturating };
    public static MInst CvtFloatToUint(Reg dst, Reg src, int intSize, int floatSize, bool saturating) =>
        new(X64Op.CvtFloatToUint, [dst, src], DefUse) { Size = intSize, FromSize = floatSize, Saturating = saturating };
    public static MInst CvtUint64ToFloat(Reg dst, Reg src, int floatSize) => new(X64Op.CvtUint64ToFloat, [dst, src], DefUse) { Size = floatSize };
    public static MInst FMinMax(Reg dst, Reg src, int size, bool max) => new(X64Op.FMinMax, [dst, src], ModUse) { Size = size, Signed = max };
    public static MInst CvtFloatToFloat(Reg dst, Reg src, int toSize) => new(X64Op.CvtFloatToFloat, [dst, src], DefUse) { Size = toSize };

    public static MInst MulWide(Reg src, int size, bool signed) =>
        new(X64Op.MulWide, [src, X64Regs.Rax, X64Regs.Rdx], [OperandKind.Use, OperandKind.Mod, OperandKind.Def]) { Size = size, Signed = signed };
    public static MInst BitScan(Reg dst, Reg src, bool reverse, int size) => new(X64Op.BitScan, [dst, src], DefUse) { Signed = reverse, Size = size };
    public static MInst Bswap(Reg dst, int size) => new(X64Op.Bswap, [dst], JustMod) { Size = size };
    public static MInst ShiftDouble(Reg dst, Reg src, bool right) =>
        new(X64Op.ShiftDouble, [dst, src, X64Regs.Rcx], [OperandKind.Mod, OperandKind.Use, OperandKind.Use]) { Signed = right };
    public static MInst BitCount(BitCountOp op, Reg dst, Reg src, int size) => new(X64Op.BitCount, [dst, src], DefUse) { Count = op, Size = size };
    public static MInst Andn(Reg dst, Reg inverted, Reg src, int size) => new(X64Op.Andn, [dst, inverted, src], DefUseUse) { Size = size };
    public static MInst Round(Reg dst, Reg src, RoundMode mode, int size) => new(X64Op.Round, [dst, src], DefUse) { Imm = (int)mode, Size = size };
    public static MInst Int3() => new(X64Op.Int3, [], []);
    public static MInst Fence() => new(X64Op.Fence, [], []);

    public static MInst AtomicXadd(Reg value, Reg address, int size, bool exchange, bool trap) =>
        new(X64Op.AtomicXadd, [value, address], [OperandKind.Mod, OperandKind.Use]) { Size = size, Signed = exchange, IsTrapSite = trap };
    public static MInst AtomicAluMem(AluOp op, Reg address, Reg operand, int size, bool trap) =>
        new(X64Op.AtomicAluMem, [address, operand], UseUse) { Alu = op, Size = size, IsTrapSite = trap };
    public static MInst AtomicRmwLoop(AtomicRmwOp op, Reg address, Reg operand, Reg temp, int size, bool trap) =>
        new(X64Op.AtomicRmwLoop, [address, operand, temp, X64Regs.Rax], [OperandKind.Use, OperandKind.Use, OperandKind.Mod, OperandKind.Mod]) { Rmw = op, Size = size, IsTrapSite = trap };
    public static MInst AtomicCas(Reg address, Reg replacement, int size, bool trap) =>
        new(X64Op.AtomicCas, [address, replacement, X64Regs.Rax], [OperandKind.Use, OperandKind.Use, OperandKind.Mod]) { Size = size, IsTrapSite = trap };

    /// <summary>The operand is pinned to rsi:rdi and the loop's temps to rbx:rcx, so every register the
    /// loop touches is fixed and only the address can be spilled (one scratch register suffices).</summary>
    public static MInst AtomicRmwLoop128(AtomicRmwOp op, Reg address, bool trap) =>
        new(X64Op.AtomicRmwLoop128, [address, X64Regs.Rax, X64Regs.Rdx, X64Regs.Rbx, X64Regs.Rcx, X64Regs.Rsi, X64Regs.Rdi],
            [OperandKind.Use, OperandKind.Mod, OperandKind.Mod, OperandKind.Mod, OperandKind.Mod, OperandKind.Use, OperandKind.Use])
        { Rmw = op, Size = 16, IsTrapSite = trap };
    public static MInst AtomicCas128(Reg address, bool trap) =>
        new(X64Op.AtomicCas128, [address, X64Regs.Rax, X64Regs.Rdx, X64Regs.Rbx, X64Regs.Rcx],
            [OperandKind.Use, OperandKind.Mod, OperandKind.Mod, OperandKind.Use, OperandKind.Use])
        { Size = 16, IsTrapSite = trap };

    private static OperandKind[] Uses(int n)
    {
        var k = new OperandKind[n];
        Array.Fill(k, OperandKind.Use);
        return k;
    }

    public override string ToString() => $"{Op} {string.Join(", ", Regs)}";
}
