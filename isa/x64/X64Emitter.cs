using Iced.Intel;
using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa.Backend;
using Stencil.Isa.CodeGen;
using static Iced.Intel.Instruction;

namespace Stencil.Isa.X64;

/// <summary>
/// Turns allocated VCode into bytes with Iced's encoder: prologue, blocks in order (jumps to the next
/// block elided), spilled operands reloaded into and stored back from scratch registers around
/// their instruction, checked division and conversion sequences, epilogues at each return.
/// </summary>
internal sealed partial class X64Emitter : MachEmitter<MInst>
{
    public const int FunctionAlignment = 16;

    // The encodings of the partial files write through these names.
    private readonly VCode<MInst> _code;
    private readonly MachBuffer _buf;
    private readonly MachLabel[] _blockLabels;
    private readonly RegAllocResult _ra;
    private readonly X64Frame _frame;
    private readonly IsaFlags _flags;
    private readonly SpillRewriter _spills;
    private readonly Encoder _enc;
    private readonly int[] _jumpsTo;
    private readonly bool[] _skipped;
    private readonly int[] _nextEmitted;
    /// <summary>Scratch registers known to hold a spill slot's value (see <see cref="KeepsScratchValues"/>), valid in
    /// block <see cref="_scratchBlock"/>.</summary>
    private readonly Dictionary<Reg, int> _scratchHolds = [];
    private int _scratchBlock = -1;
    /// <summary>Where each branch starts and how long its rel32 form is, in the order <see cref="BranchTo"/> emitted them.</summary>
    private readonly List<(uint Start, int Length)> _longBranches = [];

    private X64Emitter(VCode<MInst> code, RegAllocResult ra, X64Frame frame, IsaFlags flags)
        : base(code, Endianness.Little, shortBranches: null)
    {
        _code = VCode;
        _buf = Buffer;
        _blockLabels = BlockLabels;
        _ra = ra;
        _spills = new SpillRewriter(ra, X64Regs.IntScratch, X64Regs.FloatScratch);
        _frame = frame;
        _flags = flags;
        _enc = Encoder.Create(64, new MachBufferCodeWriter(_buf));
        _jumpsTo = ThreadJumps(LoneJumpTarget);
        _skipped = SkippedBlocks();
        _nextEmitted = NextEmittedBlocks();
    }

    /// <summary>Emits once with every branch in its rel32 form, then rewrites in place as rel8 each branch whose distance
    /// already fits a byte (see <see cref="MachEmitter{TInst}"/>): the same code a second pass emitting rel8 there gives.</summary>
    public static CompiledFunction Emit(VCode<MInst> code, RegAllocResult ra, X64Frame frame, IsaFlags flags)
    {
        var emitter = new X64Emitter(code, ra, frame, flags);
        emitter.EmitFunction();
        // Measured from the end of a 2-byte short branch.
        var plan = emitter.PlanShortBranches(distance => distance - 2 is >= sbyte.MinValue and <= sbyte.MaxValue);
        var shortened = new List<BranchShortening>();
        for (int i = 0; i < plan.Length; i++)
        {
            if (!plan[i]) continue;
            var (start, length) = emitter._longBranches[i];
            shortened.Add(new BranchShortening(start, length, ShortOpcode(emitter._buf.Data, start), X64LabelUses.Rel8));
        }
        emitter._buf.ShortenBranches(shortened);
        return emitter._buf.Finish(frame.FrameSize, FunctionAlignment);
    }

    /// <summary>The rel8 opcode of the rel32 branch at <paramref name="start"/>: jmp E9 becomes EB, jcc 0F 8x becomes 7x.</summary>
    private static byte ShortOpcode(ReadOnlySpan<byte> code, uint start) => code[(int)start] switch
    {
        0xE9 => 0xEB,
        0x0F when (code[(int)start + 1] & 0xF0) == 0x80 => (byte)(0x70 | (code[(int)start + 1] & 0x0F)),
        var op => throw new InvalidOperationException($"no rel8 form of the branch opcode {op:X2} at {start}"),
    };

    private void E(in Instruction instruction) => _enc.Encode(instruction, _buf.CurOffset);

    protected override void EmitPrologue()
    {
        E(Create(Code.Push_r64, Register.RBP));
        E(Create(Code.Mov_r64_rm64, Register.RBP, Register.RSP));
        foreach (var r in _frame.SavedRegs) E(Create(Code.Push_r64, IcedTables.Gpr(r, 8)));
        int size = _frame.FixedBytes;
        if (_flags.EnableProbestack && size >= 1L << _flags.ProbestackSizeLog2) EmitStackProbe(size);
        else if (size > 0) E(Create(Code.Sub_rm64_imm32, Register.RSP, size));
    }

    /// <summary>Touches every page of a large frame in order so the guard page is hit before anything skips it.</summary>
    private void EmitStackProbe(int size)
    {
        if (_flags.ProbestackStrategy == ProbestackStrategy.Outline)
        {
            // __cranelift_probestack takes the size in rax and probes without moving rsp; rax is free in the prologue.
            E(Create(Code.Mov_r32_imm32, Register.EAX, (uint)size));
            CallRel32(ExternalName.FromLibCall(LibCall.Probestack), Reloc.X86CallPLTRel4);
            E(Create(Code.Sub_rm64_imm32, Register.RSP, size));
            return;
        }
        // Inline: a few guard-sized steps unrolled, more in a counted loop (r11 is a scratch register, free here).
        int guard = 1 << _flags.ProbestackSizeLog2;
        int pages = size / guard, rest = size % guard;
        if (pages <= 4)
        {
            for (int i = 0; i < pages; i++) ProbePage(guard);
        }
        else
        {
            E(Create(Code.Mov_r32_imm32, Register.R11D, (uint)pages));
            var loop = _buf.GetLabel();
            _buf.BindLabel(loop);
            ProbePage(guard);
            E(Create(Code.Dec_rm64, Register.R11));
            BranchTo(Code.Jne_rel32_64, loop);
        }
        if (rest > 0) E(Create(Code.Sub_rm64_imm32, Register.RSP, rest));
    }

    private void ProbePage(int guard)
    {
        E(Create(Code.Sub_rm64_imm32, Register.RSP, guard));
        E(Create(Code.Or_rm32_imm8, new MemoryOperand(Register.RSP), 0));
    }

    private void EmitEpilogue()
    {
        if (_frame.FixedBytes > 0) E(Create(Code.Add_rm64_imm32, Register.RSP, _frame.FixedBytes));
        for (int i = _frame.SavedRegs.Length - 1; i >= 0; i--) E(Create(Code.Pop_r64, IcedTables.Gpr(_frame.SavedRegs[i], 8)));
        E(Create(Code.Pop_r64, Register.RBP));
        E(Create(Code.Retnq));
    }

    /// <summary>Emits a rel32 branch and records a fixup to <paramref name="target"/> at its displacement.</summary>
    private void BranchTo(Code code, MachLabel target)
    {
        uint start = _buf.CurOffset;
        // The only pass emits rel32 everywhere; Emit shortens afterwards.
        if (NextBranchIsShort(start, target)) throw new InvalidOperationException("x64 branches are shortened after emission");
        uint len = _enc.Encode(CreateBranch(code, start), start);
        _buf.UseLabelAtOffset(start + len - 4, target, X64LabelUses.Rel32);
        _longBranches.Add((start, (int)len));
        // (Finish overwrites the placeholder displacement.)
    }

    private void CallRel32(ExternalName name, Reloc kind)
    {
        uint start = _buf.CurOffset;
        uint len = _enc.Encode(CreateBranch(Code.Call_rel32_64, start), start);
        // The displacement is the last 4 bytes; the linker computes S + A - P with P at the field, so A = -4.
        _buf.Patch4(start + len - 4, 0);
        _buf.AddReloc(start + len - 4, kind, name, -4);
    }

    /// <summary>Encodes an instruction with a RIP-relative memory operand and turns its disp32 into a relocation.</summary>
    private void EmitRipRelative(in Instruction instruction, Reloc kind, ExternalName name, long addend)
    {
        uint start = _buf.CurOffset;
        _enc.Encode(instruction, start);
        var offsets = _enc.GetConstantOffsets();
        if (!offsets.HasDisplacement || offsets.DisplacementSize != 4) throw new InvalidOperationException("RIP-relative operand without a 32-bit displacement");
        uint field = start + offsets.DisplacementOffset;
        uint afterField = field + 4;
        uint end = _buf.CurOffset;
        _buf.Patch4(field, 0);
        // Bytes after the displacement (an immediate) shift where the CPU's RIP is relative to the field.
        _buf.AddReloc(field, kind, name, addend - 4 - (end - afterField));
    }

    /// <summary>The memory operand of a load, store or lea, whose register operands after the first are its base and index.</summary>
    private MemoryOperand Mem(MInst inst, Reg[] p) => inst.Mem.Kind switch
    {
        AmodeKind.RegDisp => Mem(inst.Mem, G(p[1], 8)),
        AmodeKind.RegIndexDisp => new MemoryOperand(G(p[1], 8), G(p[2], 8), 1 << inst.Mem.Shift, inst.Mem.Disp, inst.Mem.Disp == 0 ? 0 : 1),
        _ => Mem(inst.Mem, Register.None),
    };

    private MemoryOperand Mem(Amode mode, Register baseReg) => mode.Kind switch
    {
        // Iced encodes a displacement it is given even when zero; none is needed unless the base is rbp or r13.
        AmodeKind.RegDisp => new MemoryOperand(baseReg, mode.Disp, mode.Disp == 0 ? 0 : 1),
        AmodeKind.StackSlot => new MemoryOperand(Register.RSP, (long)_frame.SlotOffsets[mode.Slot] + mode.Disp),
        AmodeKind.IncomingArg => new MemoryOperand(Register.RBP, 16L + mode.Disp),
        AmodeKind.ReturnArea => new MemoryOperand(Register.RSP, (long)_frame.ReturnAreaOffset + mode.Disp),
        _ => new MemoryOperand(Register.RSP, mode.Disp),
    };

    private MemoryOperand SpillSlot(int slot) => new(Register.RSP, _frame.SpillOffset(slot));
}
