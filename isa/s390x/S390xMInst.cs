using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa.Backend;

namespace Stencil.Isa.S390x;

/// <summary>What an <see cref="S390xMInst"/> is: one machine instruction of the opcode table, or one of the few
/// sequences whose shape depends on the frame or the layout (returns, branches, calls, traps, literals).</summary>
internal enum S390xMOp : byte
{
    /// <summary>One instruction of <see cref="S390xOpcodes"/> by mnemonic.</summary>
    Plain,
    /// <summary>To <see cref="S390xMInst.Target"/>; left out when that block comes next.</summary>
    Jump,
    /// <summary>To <see cref="S390xMInst.Target"/> when the condition code is in <see cref="S390xMInst.Mask"/>, else to <see cref="S390xMInst.Target2"/>.</summary>
    CondJump,
    /// <summary>The epilogue and <c>br %r14</c>; the operands are the result registers it reads.</summary>
    Ret,
    /// <summary>A call of <see cref="S390xMInst.Name"/>: <c>brasl %r14</c> with a PLT32DBL relocation.</summary>
    Call,
    /// <summary><c>basr %r14</c> to the register of the first operand.</summary>
    CallInd,
    /// <summary>The illegal halfword <c>0x0000</c>, a trap site of <see cref="S390xMInst.Trap"/>.</summary>
    Trap,
    /// <summary><c>brcl mask, .+2</c>: jumps into its own zero halfword when the condition holds.</summary>
    TrapIf,
    /// <summary>The address of <see cref="S390xMInst.Name"/> plus <see cref="S390xMInst.Imm"/>: <c>larl</c> when the symbol
    /// is near (<see cref="S390xMInst.Mask"/> 1: colocated, even offset), else from an inline literal.</summary>
    LoadSymbol,
    /// <summary>A 64-bit constant from an inline literal (<c>bras %r1, .+12</c>, the value, <c>lg</c>).</summary>
    LoadLiteral,
    /// <summary><c>ldr</c> of the second operand into the first when the condition code is in the mask: z14 has no
    /// float load-on-condition, so a branch around it.</summary>
    FloatCondMove,
    /// <summary>The ELF general-dynamic TLS call for <see cref="S390xMInst.Name"/>: <c>larl %r12</c> to the GOT, the
    /// variable's <c>tls_index</c> GOT offset from an inline literal into r2, <c>brasl %r14, __tls_get_offset</c>; the
    /// variable's offset from the thread pointer comes back in r2.</summary>
    ElfTlsGetOffset,
    /// <summary>The thread pointer (a0:a1) into the first operand: <c>ear</c>, <c>sllg 32</c>, <c>ear</c>.</summary>
    ThreadPointer,
    /// <summary>A compare-and-swap loop applying <see cref="S390xMInst.Rmw"/>: operands are the address (a storage
    /// operand), the operand value, and r3 (the old value in register order), r4 (the old value as memory holds it,
    /// which cs compares) and r5 (the new value), pinned.</summary>
    AtomicRmwLoop,
    /// <summary>The 8- and 16-bit read-modify-write or compare-exchange (<see cref="S390xMInst.IsCas"/>) loop on the
    /// aligned word holding the value: the address of that word (a storage operand), then pinned r14 (8 × the byte
    /// address: rll's rotation bringing the value to the word's top), r2 (the operand, or the expected value, at the
    /// top), r0 (the replacement at the top, for a compare-exchange), r3 (the old value at the top), r4, r5.</summary>
    AtomicSubwordLoop,
}

/// <summary>
/// One s390x instruction over virtual or physical registers, as the allocator and the emitter see it. The registers
/// are listed address registers first, so that a spilled base is reloaded into r1 (r0 cannot address memory).
/// </summary>
internal sealed class S390xMInst : IMachInst
{
    private readonly Reg[] _regs;
    private readonly OperandKind[] _kinds;

    private S390xMInst(S390xMOp op, string mnemonic, MOperand[] operands)
    {
        Op = op;
        Mnemonic = mnemonic;
        Operands = operands;
        var regs = new List<Reg>();
        var kinds = new List<OperandKind>();
        foreach (var o in operands)
            if (o.Kind == MOperandKind.Mem && o.HasReg) { regs.Add(o.Reg); kinds.Add(OperandKind.Use); }
        foreach (var o in operands)
            if (o.Kind is MOperandKind.Reg or MOperandKind.Implicit) { regs.Add(o.Reg); kinds.Add(o.Access); }
        _regs = [.. regs];
        _kinds = [.. kinds];
    }

    public S390xMOp Op { get; }
    public string Mnemonic { get; }
    public MOperand[] Operands { get; }
    public int Mask { get; private init; }
    public int Target { get; private init; }
    public int Target2 { get; private init; }
    public long Imm { get; private init; }
    public TrapCode Trap { get; private init; }
    public ExternalName Name { get; private init; }
    public bool IsTrapSite { get; private init; }
    public IReadOnlyList<Reg> Clobbers { get; private init; } = [];
    public AtomicRmwOp Rmw { get; private init; }
    /// <summary>Operand width in bytes of an atomic loop (4 or 8).</summary>
    public int Size { get; private init; }
    public bool Little { get; private init; }
    public bool IsCas { get; private init; }

    public int OperandCount => _regs.Length;
    public Reg GetOperand(int index) => _regs[index];
    public OperandKind GetOperandKind(int index) => _kinds[index];

    /// <summary>Register operands in the order <see cref="GetOperand"/> lists them.</summary>
    public IReadOnlyList<Reg> Regs => _regs;

    public bool IsMove(out Reg dst, out Reg src)
    {
        if (Op == S390xMOp.Plain && Mnemonic is "lgr" or "ldr" && Operands.Length == 2 && Operands[0].Access == OperandKind.Def)
        {
            dst = Operands[0].Reg;
            src = Operands[1].Reg;
            return true;
        }
        dst = src = default;
        return false;
    }

    /// <summary>An instruction of the opcode table; <paramref name="trap"/> marks a memory access that may fault.</summary>
    public static S390xMInst I(string mnemonic, params MOperand[] operands) => new(S390xMOp.Plain, mnemonic, operands);

    public static S390xMInst TrapSite(string mnemonic, params MOperand[] operands) =>
        new(S390xMOp.Plain, mnemonic, operands) { IsTrapSite = true, Trap = TrapCode.HeapOutOfBounds };

    public static S390xMInst Move(Reg dst, Reg src) => I(dst.Class == RegClass.Int ? "lgr" : "ldr", MOperand.Def(dst), MOperand.Use(src));

    public static S390xMInst Jump(int target) => new(S390xMOp.Jump, "", []) { Target = target };

    public static S390xMInst CondJump(int mask, int taken, int notTaken) => new(S390xMOp.CondJump, "", []) { Mask = mask, Target = taken, Target2 = notTaken };

    public static S390xMInst Ret(Reg[] values) => new(S390xMOp.Ret, "", [.. values.Select(MOperand.Use)]);

    public static S390xMInst Call(ExternalName name, Reg[] args, Reg[] results) =>
        new(S390xMOp.Call, "", [.. args.Select(MOperand.Use), .. results.Select(MOperand.Def)]) { Name = name, Clobbers = S390xRegs.CallClobbers };

    public static S390xMInst CallInd(Reg callee, Reg[] args, Reg[] results) =>
        new(S390xMOp.CallInd, "", [MOperand.Use(callee), .. args.Select(MOperand.Use), .. results.Select(MOperand.Def)]) { Clobbers = S390xRegs.CallClobbers };

    /// <summary>r12 is written (the GOT address the variant TLS ABI reads) besides what a call clobbers, so it is blocked
    /// here and saved by the prologue like any used callee-saved register.</summary>
    public static S390xMInst ElfTlsGetOffset(ExternalName symbol) =>
        new(S390xMOp.ElfTlsGetOffset, "", [MOperand.Def(S390xRegs.IntRets[0])]) { Name = symbol, Clobbers = TlsCallClobbers };

    private static readonly Reg[] TlsCallClobbers = [.. S390xRegs.CallClobbers, S390xRegs.GotPointer];

    public static S390xMInst ThreadPointer(Reg dst) => new(S390xMOp.ThreadPointer, "", [MOperand.Def(dst)]);

    public static S390xMInst TrapAlways(TrapCode code) => new(S390xMOp.Trap, "", []) { Trap = code };

    public static S390xMInst TrapIf(int mask, TrapCode code) => new(S390xMOp.TrapIf, "", []) { Mask = mask, Trap = code };

    public static S390xMInst LoadSymbol(Reg dst, ExternalName name, long addend, bool colocated) =>
        new(S390xMOp.LoadSymbol, "", [MOperand.Def(dst)]) { Name = name, Imm = addend, Mask = colocated && addend % 2 == 0 && addend is > int.MinValue / 2 and < int.MaxValue / 2 ? 1 : 0 };

    public static S390xMInst FloatCondMove(int mask, Reg dst, Reg src) =>
        new(S390xMOp.FloatCondMove, "", [MOperand.Mod(dst), MOperand.Use(src)]) { Mask = mask };

    public static S390xMInst AtomicRmwLoop(AtomicRmwOp op, Reg address, Reg operand, int size, bool little, bool trap) =>
        new(S390xMOp.AtomicRmwLoop, "", [MOperand.Mem(address, 0), MOperand.Use(operand),
            MOperand.Mod(S390xRegs.Gpr(3)), MOperand.Mod(S390xRegs.Gpr(4)), MOperand.Mod(S390xRegs.Gpr(5))])
        { Rmw = op, Size = size, Little = little, IsTrapSite = trap, Trap = TrapCode.HeapOutOfBounds };

    public static S390xMInst AtomicSubwordLoop(AtomicRmwOp op, bool cas, Reg alignedAddress, int size, bool little, bool trap) =>
        new(S390xMOp.AtomicSubwordLoop, "", [MOperand.Mem(alignedAddress, 0), MOperand.Use(S390xRegs.Gpr(14)), MOperand.Use(S390xRegs.Gpr(2)),
            MOperand.Use(S390xRegs.Gpr(0)), MOperand.Mod(S390xRegs.Gpr(3)), MOperand.Mod(S390xRegs.Gpr(4)), MOperand.Mod(S390xRegs.Gpr(5))])
        { Rmw = op, IsCas = cas, Size = size, Little = little, IsTrapSite = trap, Trap = TrapCode.HeapOutOfBounds };

    public static S390xMInst LoadLiteral(Reg dst, long value) => new(S390xMOp.LoadLiteral, "", [MOperand.Def(dst)]) { Imm = value };

    public override string ToString() => Op == S390xMOp.Plain
        ? $"{Mnemonic} {string.Join(", ", Operands)}"
        : $"{Op} {string.Join(", ", Operands)}";
}
