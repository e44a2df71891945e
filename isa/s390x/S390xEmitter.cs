using Stencil.Ir;
using Stencil.Isa.Backend;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.S390x;

/// <summary>
/// Turns allocated VCode into big-endian bytes through <see cref="S390xEncoder"/>: the prologue (<c>stmg</c>, the
/// frame, saved f8-f15), each instruction with its spilled operands reloaded into and stored back from r1/r0 (f1/f3),
/// jumps to the next block left out, relative branches in their 16-bit form where the first pass shows they reach,
/// and the epilogue at each return.
/// </summary>
internal sealed partial class S390xEmitter : MachEmitter<S390xMInst>
{
    public const int FunctionAlignment = 4;

    private readonly RegAllocResult _ra;
    private readonly S390xFrame _frame;
    private readonly SpillRewriter _spills;

    private S390xEmitter(VCode<S390xMInst> code, RegAllocResult ra, S390xFrame frame, bool[]? shortBranches)
        : base(code, Endianness.Big, shortBranches)
    {
        _ra = ra;
        _frame = frame;
        _spills = new SpillRewriter(ra, S390xRegs.IntScratch, S390xRegs.FloatScratch);
    }

    public static CompiledFunction Emit(VCode<S390xMInst> code, RegAllocResult ra, S390xFrame frame)
    {
        var first = new S390xEmitter(code, ra, frame, null);
        first.EmitFunction();
        // brc reaches ±64 KiB in halfwords from the instruction's start.
        var plan = first.PlanShortBranches(distance => distance / 2 is >= short.MinValue and <= short.MaxValue);
        var second = new S390xEmitter(code, ra, frame, plan);
        second.EmitFunction();
        return second.Buffer.Finish((uint)frame.Size, FunctionAlignment);
    }

    private void E(string mnemonic, params S390xOperand[] operands) =>
        S390xEncoder.Emit(Buffer, new S390xInst(S390xOpcodes.Get(mnemonic), operands));

    private static S390xOperand R(int n) => S390xOperand.Reg(n);
    private static S390xOperand R(Reg r) => S390xOperand.Reg(r.HwEnc);
    private static S390xOperand I(long v) => S390xOperand.Imm(v);
    private static S390xOperand Sp(long displacement) => S390xOperand.Mem(displacement, 0, S390xRegs.StackPointer.HwEnc);

    protected override void EmitInst(S390xMInst inst, int block)
    {
        var phys = _spills.Resolve(inst, spilledDefTakesFirstScratch: inst.Op == S390xMOp.Plain);
        var reloads = _spills.Reloads.ToArray();
        var stores = _spills.Stores.ToArray();
        if (inst.Op == S390xMOp.Plain && HasFarFrameOperand(inst)) FreeIndexRegister(phys, reloads, stores);
        foreach (var (scratch, slot) in reloads) FrameAccess(scratch.Class == RegClass.Int ? "lg" : "ld", R(scratch), _frame.SpillOffset(slot));
        switch (inst.Op)
        {
            case S390xMOp.Plain when inst.IsMove(out _, out _) && phys[0] == phys[1]:
                break;
            case S390xMOp.Plain:
                EmitPlain(inst, phys);
                break;
            case S390xMOp.Jump:
                if (inst.Target != block + 1) Branch(15, inst.Target);
                break;
            case S390xMOp.CondJump:
                Branch(inst.Mask, inst.Target);
                if (inst.Target2 >= 0 && inst.Target2 != block + 1) Branch(15, inst.Target2);
                break;
            case S390xMOp.Ret:
                EmitEpilogue();
                break;
            case S390xMOp.Call:
            {
                // brasl through the PLT; the field is 2 bytes into the instruction, the target counted from its start.
                uint start = Buffer.CurOffset;
                E("brasl", R(14), S390xOperand.Offset(0));
                Buffer.AddReloc(start + 2, Reloc.S390xPltRel32Dbl, inst.Name, 2);
                break;
            }
            case S390xMOp.CallInd:
                E("basr", R(14), R(phys[0]));
                break;
            case S390xMOp.Trap:
                Buffer.AddTrap(inst.Trap);
                Buffer.Put2(0);
                break;
            case S390xMOp.TrapIf:
            {
                uint start = Buffer.CurOffset;
                E("brcl", I(inst.Mask), S390xOperand.Offset(2));
                // The trap is the zero halfword the branch lands on: the high half of its own offset field.
                Buffer.AddTrapAt(start + 2, inst.Trap);
                break;
            }
            case S390xMOp.FloatCondMove:
                // Skip the 2-byte ldr unless the condition holds.
                E("brc", I(inst.Mask ^ 15), S390xOperand.Offset(6));
                E("ldr", R(phys[0]), R(phys[1]));
                break;
            case S390xMOp.AtomicRmwLoop:
                EmitAtomicLoop(inst, phys[0], phys[1]);
                break;
            case S390xMOp.AtomicSubwordLoop:
                EmitSubwordLoop(inst, phys[0]);
                break;
            case S390xMOp.LoadSymbol when inst.Mask == 1:
            {
                uint start = Buffer.CurOffset;
                E("larl", R(phys[0]), S390xOperand.Offset(0));
                Buffer.AddReloc(start + 2, Reloc.S390xPCRel32Dbl, inst.Name, inst.Imm + 2);
                break;
            }
            case S390xMOp.LoadSymbol:
                LoadAddressLiteral(phys[0], inst.Name, inst.Imm);
                break;
            case S390xMOp.ElfTlsGetOffset:
                EmitElfTlsGetOffset(inst.Name);
                break;
            case S390xMOp.ThreadPointer:
                EmitThreadPointer(phys[0]);
                break;
            case S390xMOp.LoadLiteral:
                E("bras", R(S390xRegs.SpillTemp), S390xOperand.Offset(12));
                Buffer.Put8((ulong)inst.Imm);
                E("lg", R(phys[0]), S390xOperand.Mem(0, 0, S390xRegs.SpillTemp.HwEnc));
                break;
        }
        foreach (var (scratch, slot) in stores) FrameAccess(scratch.Class == RegClass.Int ? "stg" : "std", R(scratch), _frame.SpillOffset(slot));
    }

    /// <summary>The old value loaded, then: r3 = it in register order, r5 = op(r3, operand) in memory order, cs/csg
    /// r4, r5, and again while the compare failed (condition code 1, r4 then holds what memory had).</summary>
    private void EmitAtomicLoop(S390xMInst inst, Reg address, Reg operand)
    {
        bool wide = inst.Size == 8;
        string G(string narrow, string wideForm) => wide ? wideForm : narrow;
        var mem = S390xOperand.Mem(0, 0, address.HwEnc);
        if (inst.IsTrapSite) Buffer.AddTrap(inst.Trap);
        E(G("l", "lg"), R(4), mem);
        var loop = Buffer.GetLabel();
        Buffer.BindLabel(loop);
        E(inst.Little ? G("lrvr", "lrvgr") : G("lr", "lgr"), R(3), R(4));
        E(G("lr", "lgr"), R(5), R(3));
        var b = R(operand);
        switch (inst.Rmw)
        {
            case AtomicRmwOp.Add: E(G("ar", "agr"), R(5), b); break;
            case AtomicRmwOp.Sub: E(G("sr", "sgr"), R(5), b); break;
            case AtomicRmwOp.And: E(G("nr", "ngr"), R(5), b); break;
            case AtomicRmwOp.Or: E(G("or", "ogr"), R(5), b); break;
            case AtomicRmwOp.Xor: E(G("xr", "xgr"), R(5), b); break;
            case AtomicRmwOp.Xchg: E(G("lr", "lgr"), R(5), b); break;
            case AtomicRmwOp.Nand:
                E(G("nr", "ngr"), R(5), b);
                if (wide) E("xihf", R(5), I(0xFFFFFFFF));
                E("xilf", R(5), I(0xFFFFFFFF));
                break;
            default:
            {
                bool signed = inst.Rmw is AtomicRmwOp.Smin or AtomicRmwOp.Smax;
                bool min = inst.Rmw is AtomicRmwOp.Smin or AtomicRmwOp.Umin;
                E(signed ? G("cr", "cgr") : G("clr", "clgr"), R(3), b);
                E(G("locr", "locgr"), R(5), b, I(min ? 2 : 4));
                break;
            }
        }
        if (inst.Little) E(G("lrvr", "lrvgr"), R(5), R(5));
        E(G("cs", "csg"), R(4), R(5), mem);
        E("brc", I(4), S390xOperand.To(loop));
    }

    /// <summary>The subword loop (see <see cref="S390xMOp.AtomicSubwordLoop"/>): the word rotated so the value is at its
    /// top (a little-endian halfword byte-swapped there as well), the new top computed with the low bits kept, rotated
    /// back by the negated amount, cs; r3 ends as the old value at the top.</summary>
    private void EmitSubwordLoop(S390xMInst inst, Reg address)
    {
        var mem = S390xOperand.Mem(0, 0, address.HwEnc);
        var byShift = S390xOperand.Mem(0, 0, 14);
        long low = (1L << (32 - 8 * inst.Size)) - 1, top = 0xFFFFFFFFL & ~low;
        bool swap = inst.Little && inst.Size == 2;
        void ToTop(int r)
        {
            E("rll", R(r), R(4), byShift);
            if (swap) { E("lrvr", R(r), R(r)); E("rll", R(r), R(r), S390xOperand.Mem(16, 0, 0)); }
        }
        if (inst.IsTrapSite) Buffer.AddTrap(inst.Trap);
        E("l", R(4), mem);
        var loop = Buffer.GetLabel();
        var done = Buffer.GetLabel();
        Buffer.BindLabel(loop);
        ToTop(3);
        E("lr", R(5), R(3));
        if (inst.IsCas)
        {
            E("nilf", R(5), I(top));
            E("cr", R(5), R(2));
            E("brc", I(7), S390xOperand.To(done));
            E("lr", R(5), R(3));
            E("nilf", R(5), I(low));
            E("or", R(5), R(0));
        }
        else
        {
            switch (inst.Rmw)
            {
                case AtomicRmwOp.Add: E("ar", R(5), R(2)); break;
                case AtomicRmwOp.Sub: E("sr", R(5), R(2)); break;
                case AtomicRmwOp.And: E("nr", R(5), R(2)); break;
                case AtomicRmwOp.Nand: E("nr", R(5), R(2)); E("xilf", R(5), I(top)); break;
                case AtomicRmwOp.Or: E("or", R(5), R(2)); break;
                case AtomicRmwOp.Xor: E("xr", R(5), R(2)); break;
                case AtomicRmwOp.Xchg: E("nilf", R(5), I(low)); E("or", R(5), R(2)); break;
                default:
                {
                    bool signed = inst.Rmw is AtomicRmwOp.Smin or AtomicRmwOp.Smax;
                    bool min = inst.Rmw is AtomicRmwOp.Smin or AtomicRmwOp.Umin;
                    var keep = Buffer.GetLabel();
                    E("nilf", R(5), I(top));
                    E(signed ? "cr" : "clr", R(5), R(2));
                    E("lr", R(5), R(3));
                    // Keep the old value unless the operand wins (min: old above it; max: old below it).
                    E("brc", I((min ? 2 : 4) ^ 15), S390xOperand.To(keep));
                    E("nilf", R(5), I(low));
                    E("or", R(5), R(2));
                    Buffer.BindLabel(keep);
                    break;
                }
            }
        }
        if (swap) { E("rll", R(5), R(5), S390xOperand.Mem(16, 0, 0)); E("lrvr", R(5), R(5)); }
        E("lcr", R(3), R(14));
        E("rll", R(5), R(5), S390xOperand.Mem(0, 0, 3));
        E("cs", R(4), R(5), mem);
        E("brc", I(4), S390xOperand.To(loop));
        ToTop(3);
        Buffer.BindLabel(done);
    }

    /// <summary><c>bras %r1, .+12</c> over an 8-byte literal holding the address, then <c>lg dst, 0(%r1)</c>, as
    /// Cranelift reaches a symbol it does not know to be near.</summary>
    private void LoadAddressLiteral(Reg dst, Stencil.Ir.Names.ExternalName name, long addend)
    {
        E("bras", R(S390xRegs.SpillTemp), S390xOperand.Offset(12));
        Buffer.Put8(0);
        Buffer.AddReloc(Buffer.CurOffset - 8, Reloc.Abs8, name, addend);
        E("lg", R(dst), S390xOperand.Mem(0, 0, S390xRegs.SpillTemp.HwEnc));
    }

    private void Branch(int mask, int target)
    {
        var label = BlockLabels[target];
        bool isShort = NextBranchIsShort(Buffer.CurOffset, label);
        E(isShort ? "brc" : "brcl", I(mask), S390xOperand.To(label));
    }

    private void EmitPlain(S390xMInst inst, Reg[] phys)
    {
        var operands = new S390xOperand[inst.Operands.Length];
        bool[] implicitOps = [.. inst.Operands.Select(o => o.Kind == MOperandKind.Implicit)];
        // Registers come in the order S390xMInst lists them: memory bases first, then register operands.
        int next = 0;
        for (int i = 0; i < operands.Length; i++)
            if (inst.Operands[i] is { Kind: MOperandKind.Mem, HasReg: true }) operands[i] = S390xOperand.Mem(inst.Operands[i].Value, 0, phys[next++].HwEnc);
        bool longDisplacement = false;
        for (int i = 0; i < operands.Length; i++)
        {
            var o = inst.Operands[i];
            switch (o.Kind)
            {
                case MOperandKind.Reg: operands[i] = R(phys[next++]); break;
                case MOperandKind.Implicit: next++; break;
                case MOperandKind.Imm: operands[i] = I(o.Value); break;
                case MOperandKind.Block: operands[i] = S390xOperand.To(BlockLabels[(int)o.Value]); break;
                case MOperandKind.Mem when o.Area == MemArea.Absolute: operands[i] = S390xOperand.Mem(o.Value, 0, 0); break;
                case MOperandKind.Mem when !o.HasReg: operands[i] = FrameOperand(FrameOffset(o)); break;
            }
            if (o.Kind == MOperandKind.Mem && operands[i].Value is < 0 or > 4095) longDisplacement = true;
        }
        var mnemonic = longDisplacement && S390xLongForms.TryGet(inst.Mnemonic, out var longForm) ? longForm : inst.Mnemonic;
        if (inst.IsTrapSite) Buffer.AddTrap(inst.Trap);
        E(mnemonic, [.. operands.Where((_, i) => !implicitOps[i])]);
    }
}
