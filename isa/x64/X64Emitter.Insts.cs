using Iced.Intel;
using Stencil.Ir;
using Stencil.Isa.Backend;
using Stencil.Isa.CodeGen;
using static Iced.Intel.Instruction;

namespace Stencil.Isa.X64;

internal sealed partial class X64Emitter
{
    /// <summary>Maps each operand to its physical register, reloading spilled uses into scratch registers
    /// now; spilled defs are stored after the instruction (<see cref="StoreSpills"/>).</summary>
    private Reg[] Resolve(MInst inst)
    {
        // One machine instruction reads every use before it writes its def: the spilled result of a load or
        // lea with base and index goes through the first scratch register even when its address uses it too.
        var phys = _spills.Resolve(inst, spilledDefTakesFirstScratch: inst.Op is X64Op.Load or X64Op.Lea && inst.Regs.Length == 3);
        foreach (var (scratch, slot) in _spills.Reloads)
        {
            if (_scratchHolds.TryGetValue(scratch, out int held) && held == slot) continue;
            LoadSpill(scratch, slot);
            _scratchHolds[scratch] = slot;
        }
        // What the instruction writes into a scratch register is no slot's value until it is stored.
        for (int k = 0; k < phys.Length; k++)
            if (inst.GetOperandKind(k) != OperandKind.Use) _scratchHolds.Remove(phys[k]);
        return phys;
    }

    /// <summary>Ops whose encodings touch no register but their operands: across them a scratch register keeps the spill
    /// slot it was loaded from or stored to, so a value spilled by one instruction and read by the next is not
    /// loaded back. Every other op (calls, sequences with scratch temporaries, direct slot accesses) forgets.</summary>
    private static bool KeepsScratchValues(X64Op op) => op is X64Op.MovRR or X64Op.MovImm or X64Op.Alu or X64Op.AluImm or X64Op.AluMem
        or X64Op.Cmp or X64Op.CmpImm or X64Op.Test or X64Op.Extend or X64Op.Load or X64Op.Store or X64Op.Lea or X64Op.ShiftImm
        or X64Op.Setcc or X64Op.Jcc or X64Op.Jmp;

    private void LoadSpill(Reg scratch, int slot) =>
        E(scratch.Class == RegClass.Int
            ? Create(Code.Mov_r64_rm64, IcedTables.Gpr(scratch, 8), SpillSlot(slot))
            : Create(Code.Movsd_xmm_xmmm64, IcedTables.Xmm(scratch), SpillSlot(slot)));

    private void StoreSpills(bool keepScratchValues)
    {
        if (!keepScratchValues) _scratchHolds.Clear();
        foreach (var (scratch, slot) in _spills.Stores)
        {
            E(scratch.Class == RegClass.Int
                ? Create(Code.Mov_rm64_r64, SpillSlot(slot), IcedTables.Gpr(scratch, 8))
                : Create(Code.Movsd_xmmm64_xmm, SpillSlot(slot), IcedTables.Xmm(scratch)));
            if (!keepScratchValues) continue;
            // (Removing while enumerating is allowed on Dictionary since .NET Core 3.0.)
            foreach (var (other, held) in _scratchHolds)
                if (held == slot) _scratchHolds.Remove(other);
            _scratchHolds[scratch] = slot;
        }
    }

    private static Register G(Reg r, int size) => IcedTables.Gpr(r, size);
    private static Register X(Reg r) => IcedTables.Xmm(r);

    protected override void EmitInst(MInst inst, int block)
    {
        // A block is entered from elsewhere: no scratch register is known to hold anything.
        if (block != _scratchBlock) { _scratchHolds.Clear(); _scratchBlock = block; }
        bool keepScratchValues = KeepsScratchValues(inst.Op);
        if (!keepScratchValues) _scratchHolds.Clear();
        if (TryEmitSpilledIndexedStore(inst) || TryEmitSpilledMove(inst) || TryEmitSpilledOperandInMemory(inst))
        {
            _scratchHolds.Clear();
            return;
        }
        var p = Resolve(inst);
        int s = inst.Size;
        switch (inst.Op)
        {
            case X64Op.MovRR:
                if (p[0].Class == RegClass.Float) { if (p[0] != p[1]) E(Create(Code.Movaps_xmm_xmmm128, X(p[0]), X(p[1]))); }
                else if (s == 4) E(Create(Code.Mov_r32_rm32, G(p[0], 4), G(p[1], 4)));
                else if (p[0] != p[1]) E(Create(Code.Mov_r64_rm64, G(p[0], 8), G(p[1], 8)));
                break;
            case X64Op.MovImm:
                MovImm(p[0], inst.Imm);
                break;
            case X64Op.Alu:
                E(Create(IcedTables.AluReg(inst.Alu, s), G(p[0], s), G(p[1], s)));
                break;
            case X64Op.AluMem:
            {
                var mem = Mem(inst, p);
                if (inst.IsTrapSite) _buf.AddTrap(TrapCode.HeapOutOfBounds);
                E(Create(IcedTables.AluReg(inst.Alu, s), G(p[0], s), mem));
                break;
            }
            case X64Op.AluToMem:
            {
                var mem = Mem(inst, p);
                if (inst.IsTrapSite) _buf.AddTrap(TrapCode.HeapOutOfBounds);
                E(Create(IcedTables.AluToMem(inst.Alu, s), mem, G(p[0], s)));
                break;
            }
            case X64Op.ImulImm:
            {
                int imm = (int)inst.Imm;
                E(Create(IcedTables.AluImm(AluOp.Imul, s, imm is >= sbyte.MinValue and <= sbyte.MaxValue), G(p[0], s), G(p[1], s), imm));
                break;
            }
            case X64Op.AluImm:
            {
                int imm = (int)inst.Imm;
                bool imm8 = imm is >= sbyte.MinValue and <= sbyte.MaxValue;
                var code = IcedTables.AluImm(inst.Alu, s, imm8);
                E(inst.Alu == AluOp.Imul ? Create(code, G(p[0], s), G(p[0], s), imm) : Create(code, G(p[0], s), imm));
                break;
            }
            case X64Op.Cmp:
                E(Create(IcedTables.Cmp(s), G(p[0], s), G(p[1], s)));
                break;
            case X64Op.CmpImm:
            {
                int imm = s switch { 1 => (sbyte)inst.Imm, 2 => (short)inst.Imm, _ => (int)inst.Imm };
                // test r, r sets ZF and SF as cmp r, 0 does and clears CF and OF as it does: one byte or more shorter.
                if (imm == 0) E(Create(IcedTables.Test(s), G(p[0], s), G(p[0], s)));
                else E(Create(IcedTables.CmpImm(s, imm), G(p[0], s), imm));
                break;
            }
            case X64Op.Test:
                E(Create(IcedTables.Test(s), G(p[0], s), G(p[1], s)));
                break;
            case X64Op.Unary:
                E(Create(IcedTables.Unary(inst.Unary, s), G(p[0], s)));
                break;
            case X64Op.Shift:
                E(Create(IcedTables.Shift(inst.Shift, s), G(p[0], s), Register.CL));
                break;
            case X64Op.ShiftImm:
                E(Create(IcedTables.ShiftImm(inst.Shift, s), G(p[0], s), (int)inst.Imm));
                break;
            case X64Op.Extend:
                EmitExtend(p[0], p[1], inst.FromSize, inst.Signed);
                break;
            case X64Op.Setcc:
                E(Create(IcedTables.Setcc[(int)inst.Cc], G(p[0], 1)));
                E(Create(Code.Movzx_r32_rm8, G(p[0], 4), G(p[0], 1)));
                break;
            case X64Op.Cmov:
                E(Create(IcedTables.Cmov64[(int)inst.Cc], G(p[0], 8), G(p[1], 8)));
                break;
            case X64Op.Load:
                EmitLoad(inst, p);
                break;
            case X64Op.Store:
                EmitStore(inst, p);
                break;
            case X64Op.Lea:
                EmitLea(inst, p);
                break;
            case X64Op.LeaSymbol:
                EmitRipRelative(
                    Create(inst.Signed ? Code.Mov_r64_rm64 : Code.Lea_r64_m, G(p[0], 8), new MemoryOperand(Register.RIP, (long)_buf.CurOffset)),
                    inst.Signed ? Reloc.X86GOTPCRel4 : Reloc.X86PCRel4, inst.Name, inst.Signed ? 0 : inst.Imm);
                break;
            case X64Op.Div:
                EmitDiv(inst, p[0]);
                break;
            case X64Op.Jmp:
                EmitJmp(inst, block);
                break;
            case X64Op.Jcc:
                EmitJcc(inst, block);
                break;
            case X64Op.Call when inst.RelocKind == Reloc.X86GOTPCRel4:
                EmitRipRelative(Create(Code.Call_rm64, new MemoryOperand(Register.RIP, (long)_buf.CurOffset)), Reloc.X86GOTPCRel4, inst.Name, 0);
                break;
            case X64Op.Call:
                CallRel32(inst.Name, inst.RelocKind);
                break;
            case X64Op.ElfTlsGetAddr:
                EmitElfTlsGetAddr(inst.Name);
                break;
            case X64Op.CallInd:
                E(Create(Code.Call_rm64, G(p[0], 8)));
                break;
            case X64Op.Ret:
                EmitEpilogue();
                break;
            case X64Op.Ud2:
                Trap(inst.Trap);
                break;
            case X64Op.TrapIf:
                TrapIf(inst.Cc, inst.Trap);
                break;
            case X64Op.FAlu:
                E(Create(IcedTables.FAlu(inst.FAlu, s), X(p[0]), X(p[1])));
                break;
            case X64Op.FCmp:
                E(Create(s == 4 ? Code.Ucomiss_xmm_xmmm32 : Code.Ucomisd_xmm_xmmm64, X(p[0]), X(p[1])));
                break;
            case X64Op.GprToXmm:
                E(Create(s == 4 ? Code.Movd_xmm_rm32 : Code.Movq_xmm_rm64, X(p[0]), G(p[1], s)));
                break;
            case X64Op.XmmToGpr:
                E(Create(s == 4 ? Code.Movd_rm32_xmm : Code.Movq_rm64_xmm, G(p[0], s), X(p[1])));
                break;
            case X64Op.CvtIntToFloat:
                E(Create((inst.FromSize, s) switch
                {
                    (4, 4) => Code.Cvtsi2ss_xmm_rm32,
                    (4, _) => Code.Cvtsi2ss_xmm_rm64,
                    (_, 4) => Code.Cvtsi2sd_xmm_rm32,
                    _ => Code.Cvtsi2sd_xmm_rm64,
                }, X(p[0]), G(p[1], s)));
                break;
            case X64Op.CvtFloatToInt:
                EmitFloatToInt(inst, p[0], p[1]);
                break;
            case X64Op.CvtFloatToFloat:
                E(Create(s == 8 ? Code.Cvtss2sd_xmm_xmmm32 : Code.Cvtsd2ss_xmm_xmmm64, X(p[0]), X(p[1])));
                break;
            case X64Op.MulWide:
                E(Create(s == 8 ? (inst.Signed ? Code.Imul_rm64 : Code.Mul_rm64) : (inst.Signed ? Code.Imul_rm32 : Code.Mul_rm32), G(p[0], s)));
                break;
            case X64Op.BitScan:
                E(Create(s == 8 ? (inst.Signed ? Code.Bsr_r64_rm64 : Code.Bsf_r64_rm64) : (inst.Signed ? Code.Bsr_r32_rm32 : Code.Bsf_r32_rm32), G(p[0], s), G(p[1], s)));
                break;
            case X64Op.Bswap:
                E(Create(s == 8 ? Code.Bswap_r64 : Code.Bswap_r32, G(p[0], s)));
                break;
            case X64Op.FMinMax:
                EmitFMinMax(p[0], p[1], s, inst.Signed);
                break;
            case X64Op.CvtFloatToUint:
                EmitFloatToUint(inst, p[0], p[1]);
                break;
            case X64Op.CvtUint64ToFloat:
                EmitUint64ToFloat(p[0], p[1], s);
                break;
            case X64Op.AtomicXadd:
                EmitAtomicXadd(inst, p);
                break;
            case X64Op.AtomicAluMem:
                EmitAtomicAluMem(inst, p);
                break;
            case X64Op.AtomicRmwLoop:
                EmitAtomicRmwLoop(inst, p);
                break;
            case X64Op.AtomicCas:
                EmitAtomicCas(inst, p);
                break;
            case X64Op.AtomicRmwLoop128:
                EmitAtomicRmwLoop128(inst, p);
                break;
            case X64Op.AtomicCas128:
                EmitCmpxchg16b(inst, p[0]);
                break;
            case X64Op.ShiftDouble:
                E(Create(inst.Signed ? Code.Shrd_rm64_r64_CL : Code.Shld_rm64_r64_CL, G(p[0], 8), G(p[1], 8), Register.CL));
                break;
            case X64Op.BitCount or X64Op.Andn or X64Op.Round:
                EmitFeatureInst(inst, p);
                break;
            case X64Op.Int3:
                E(Create(Code.Int3));
                break;
            case X64Op.Fence:
                E(Create(Code.Mfence));
                break;
            default:
                throw new InvalidOperationException($"no encoding for {inst.Op}");
        }
        StoreSpills(keepScratchValues);
    }

    /// <summary>Loads a constant without touching the flags (a compare may be waiting for its branch).</summary>
    private void MovImm(Reg dst, long imm)
    {
        if (imm is >= 0 and <= uint.MaxValue) E(Create(Code.Mov_r32_imm32, G(dst, 4), (uint)imm));
        else if (imm is >= int.MinValue and <= int.MaxValue) E(Create(Code.Mov_rm64_imm32, G(dst, 8), (int)imm));
        else E(Create(Code.Mov_r64_imm64, G(dst, 8), (ulong)imm));
    }

    private void EmitExtend(Reg dst, Reg src, int fromSize, bool signed)
    {
        var code = (fromSize, signed) switch
        {
            (1, true) => Code.Movsx_r64_rm8,
            (1, false) => Code.Movzx_r32_rm8,
            (2, true) => Code.Movsx_r64_rm16,
            (2, false) => Code.Movzx_r32_rm16,
            (4, true) => Code.Movsxd_r64_rm32,
            _ => Code.Mov_r32_rm32,
        };
        int dstSize = signed ? 8 : 4;
        E(Create(code, G(dst, dstSize), G(src, fromSize)));
    }

    private void TrapAt(TrapCode code)
    {
        _buf.AddTrap(code);
        E(Create(Code.Ud2));
    }

    private void Trap(TrapCode code) => TrapAt(code);

    /// <summary>ud2 when <paramref name="cc"/> holds: jump over it otherwise.</summary>
    private void TrapIf(CondCode cc, TrapCode code)
    {
        var skip = _buf.GetLabel();
        BranchTo(IcedTables.Jcc[(int)cc.Invert()], skip);
        TrapAt(code);
        _buf.BindLabel(skip);
    }

    private void EmitJcc(MInst inst, int block)
    {
        int taken = _jumpsTo[inst.Target];
        if (inst.Target2 < 0)
        {
            BranchTo(IcedTables.Jcc[(int)inst.Cc], _blockLabels[taken]);
            return;
        }
        int notTaken = _jumpsTo[inst.Target2];
        if (FallsInto(block, notTaken)) BranchTo(IcedTables.Jcc[(int)inst.Cc], _blockLabels[taken]);
        else if (FallsInto(block, taken)) BranchTo(IcedTables.Jcc[(int)inst.Cc.Invert()], _blockLabels[notTaken]);
        else
        {
            BranchTo(IcedTables.Jcc[(int)inst.Cc], _blockLabels[taken]);
            BranchTo(Code.Jmp_rel32_64, _blockLabels[notTaken]);
        }
    }

    private void EmitJmp(MInst inst, int block)
    {
        int target = _jumpsTo[inst.Target];
        if (!FallsInto(block, target)) BranchTo(Code.Jmp_rel32_64, _blockLabels[target]);
    }

    /// <summary>Whether running on past the end of <paramref name="block"/> reaches <paramref name="threadedTarget"/>:
    /// the next block that is emitted, or the block its lone jump leads to.</summary>
    private bool FallsInto(int block, int threadedTarget) => _nextEmitted[block] is var next && next < _jumpsTo.Length && _jumpsTo[next] == threadedTarget;

    protected override bool IsSkipped(int block) => _skipped[block];

    /// <summary>Lone-jump blocks that nothing enters: every branch to them is threaded past them, so they are skipped
    /// unless the block before may fall into them (it does not end in a branch of its own), or their jumps go round
    /// in a cycle (where threading stops on one of them).</summary>
    private bool[] SkippedBlocks()
    {
        int n = _code.Blocks.Count;
        var skipped = new bool[n];
        for (int b = 1; b < n; b++)
            skipped[b] = LoneJumpTarget(b) is not null && LoneJumpTarget(_jumpsTo[b]) is null && EndsInBranch(b - 1);
        return skipped;
    }

    private bool EndsInBranch(int block)
    {
        var blk = _code.Blocks[block];
        return blk.End > blk.Start && _code.Insts[blk.End - 1] is { Op: X64Op.Jmp or X64Op.Ret or X64Op.Ud2 } or { Op: X64Op.Jcc, Target2: >= 0 };
    }

    /// <summary>For each block, the first later block that is emitted (the block count past the last).</summary>
    private int[] NextEmittedBlocks()
    {
        int n = _code.Blocks.Count;
        var next = new int[n];
        int following = n;
        for (int b = n - 1; b >= 0; b--)
        {
            next[b] = following;
            if (!_skipped[b]) following = b;
        }
        return next;
    }

    /// <summary>The target of a block that is one unconditional jump.</summary>
    private int? LoneJumpTarget(int block)
    {
        var blk = _code.Blocks[block];
        return blk.End - blk.Start == 1 && _code.Insts[blk.Start] is { Op: X64Op.Jmp } jmp ? jmp.Target : null;
    }

    /// <summary>A lea whose destination got one of its two addends' register is an add (shorter, and nothing
    /// reads flags between lowered instructions).</summary>
    private void EmitLea(MInst inst, Reg[] p)
    {
        var m = inst.Mem;
        int s = inst.Size;
        if (m.Kind == AmodeKind.RegDisp && p.Length == 2 && p[0] == p[1])
        {
            if (m.Disp != 0) E(Create(IcedTables.AluImm(AluOp.Add, s, m.Disp is >= sbyte.MinValue and <= sbyte.MaxValue), G(p[0], s), m.Disp));
            else if (s == 4) E(Create(Code.Mov_r32_rm32, G(p[0], 4), G(p[0], 4)));
            return;
        }
        if (m.Kind == AmodeKind.RegDisp && p.Length == 2 && m.Disp == 0)
        {
            E(Create(s == 4 ? Code.Mov_r32_rm32 : Code.Mov_r64_rm64, G(p[0], s), G(p[1], s)));
            return;
        }
        if (m.Kind == AmodeKind.RegIndexDisp && m.Shift == 0 && m.Disp == 0 && (p[0] == p[1] || p[0] == p[2]))
        {
            E(Create(IcedTables.AluReg(AluOp.Add, s), G(p[0], s), G(p[0] == p[1] ? p[2] : p[1], s)));
            return;
        }
        E(Create(s == 4 ? Code.Lea_r32_m : Code.Lea_r64_m, G(p[0], s), Mem(inst, p)));
    }

    private void EmitLoad(MInst inst, Reg[] p)
    {
        var mem = Mem(inst, p);
        if (inst.IsTrapSite) _buf.AddTrap(TrapCode.HeapOutOfBounds);
        var dst = p[0];
        if (dst.Class == RegClass.Float)
        {
            E(Create(inst.Size == 4 ? Code.Movss_xmm_xmmm32 : Code.Movsd_xmm_xmmm64, X(dst), mem));
            return;
        }
        var (code, size) = (inst.Size, inst.Signed) switch
        {
            (1, true) => (Code.Movsx_r64_rm8, 8),
            (1, false) => (Code.Movzx_r32_rm8, 4),
            (2, true) => (Code.Movsx_r64_rm16, 8),
            (2, false) => (Code.Movzx_r32_rm16, 4),
            (4, true) => (Code.Movsxd_r64_rm32, 8),
            (4, false) => (Code.Mov_r32_rm32, 4),
            _ => (Code.Mov_r64_rm64, 8),
        };
        E(Create(code, G(dst, size), mem));
    }

    /// <summary>An indexed store whose value, base and index are all spilled needs three scratch registers; there
    /// are two, so the address is formed in one first and the value then reloaded into the other.</summary>
    /// <summary>A full-width copy with one side spilled and the other in a register is one load or one store, not a
    /// detour through a scratch register. (A 4-byte copy zero-extends, so it keeps the register path.)</summary>
    private bool TryEmitSpilledMove(MInst inst)
    {
        if (!inst.IsMove(out var dst, out var src) || (inst.Size != 8 && dst.Class == RegClass.Int)) return false;
        var d = dst.IsVirtual ? _ra[dst] : Allocation.InReg(dst);
        var s = src.IsVirtual ? _ra[src] : Allocation.InReg(src);
        // A split piece that spilled shares its parent's slot: nothing to copy.
        if (d.IsSpilled && s.IsSpilled && d.SpillSlot == s.SpillSlot) return true;
        if (d.IsNone || s.IsNone || d.IsSpilled == s.IsSpilled) return false;
        if (d.IsSpilled)
            E(dst.Class == RegClass.Int
                ? Create(Code.Mov_rm64_r64, SpillSlot(d.SpillSlot), G(s.Reg, 8))
                : Create(Code.Movsd_xmmm64_xmm, SpillSlot(d.SpillSlot), X(s.Reg)));
        else LoadSpill(d.Reg, s.SpillSlot);
        return true;
    }

    /// <summary>An ALU operation reading a spilled source, or a comparison of a spilled value with a register, reads the
    /// spill slot as its memory operand (the r/m side of the encoding) instead of reloading it first.</summary>
    private bool TryEmitSpilledOperandInMemory(MInst inst)
    {
        if (inst.Op == X64Op.Lea) return TryEmitSpilledAddend(inst);
        int memSide = inst.Op switch { X64Op.Alu => 1, X64Op.Cmp => 0, _ => -1 };
        if (memSide < 0) return false;
        Reg mem = inst.Regs[memSide], other = inst.Regs[1 - memSide];
        if (!mem.IsVirtual || !_ra[mem].IsSpilled || mem == other) return false;
        var o = other.IsVirtual ? _ra[other] : Allocation.InReg(other);
        if (o.IsSpilled || o.IsNone) return false;
        var slot = SpillSlot(_ra[mem].SpillSlot);
        int s = inst.Size;
        E(inst.Op == X64Op.Alu ? Create(IcedTables.AluReg(inst.Alu, s), G(o.Reg, s), slot) : Create(IcedTables.Cmp(s), slot, G(o.Reg, s)));
        return true;
    }

    /// <summary>A plain base + index lea whose destination shares a register with one addend is an add
    /// (<see cref="EmitLea"/>); when the other addend is spilled, the add reads its slot.</summary>
    private bool TryEmitSpilledAddend(MInst inst)
    {
        if (inst.Regs.Length != 3 || inst.Mem is not { Kind: AmodeKind.RegIndexDisp, Shift: 0, Disp: 0 }) return false;
        Allocation At(Reg r) => r.IsVirtual ? _ra[r] : Allocation.InReg(r);
        var dst = At(inst.Regs[0]);
        if (dst.IsSpilled || dst.IsNone) return false;
        for (int k = 1; k <= 2; k++)
        {
            Reg mem = inst.Regs[k], other = inst.Regs[3 - k];
            if (mem.IsVirtual && _ra[mem].IsSpilled && mem != other && At(other) is { IsSpilled: false, IsNone: false } o && o.Reg == dst.Reg)
            {
                E(Create(Code.Add_r64_rm64, G(dst.Reg, 8), SpillSlot(_ra[mem].SpillSlot)));
                return true;
            }
        }
        return false;
    }

    private bool TryEmitSpilledIndexedStore(MInst inst)
    {
        if (inst.Op != X64Op.Store || inst.Mem.Kind != AmodeKind.RegIndexDisp || inst.Regs.Any(r => r.IsPhysical || !_ra[r].IsSpilled)) return false;
        Reg addr = X64Regs.IntScratch[0], other = X64Regs.IntScratch[1];
        LoadSpill(addr, _ra[inst.Regs[1]].SpillSlot);
        LoadSpill(other, _ra[inst.Regs[2]].SpillSlot);
        E(Create(Code.Lea_r64_m, G(addr, 8), new MemoryOperand(G(addr, 8), G(other, 8), 1 << inst.Mem.Shift, inst.Mem.Disp, inst.Mem.Disp == 0 ? 0 : 1)));
        var value = inst.Regs[0];
        var scratch = value.Class == RegClass.Int ? other : X64Regs.FloatScratch[0];
        LoadSpill(scratch, _ra[value].SpillSlot);
        var viaAddr = new MemoryOperand(G(addr, 8));
        if (inst.IsTrapSite) _buf.AddTrap(TrapCode.HeapOutOfBounds);
        if (value.Class == RegClass.Float) E(Create(inst.Size == 4 ? Code.Movss_xmmm32_xmm : Code.Movsd_xmmm64_xmm, viaAddr, X(scratch)));
        else E(Create(IcedTables.Store(inst.Size), viaAddr, G(scratch, inst.Size)));
        return true;
    }

    private void EmitStore(MInst inst, Reg[] p)
    {
        var mem = Mem(inst, p);
        if (inst.IsTrapSite) _buf.AddTrap(TrapCode.HeapOutOfBounds);
        var value = p[0];
        if (value.Class == RegClass.Float) E(Create(inst.Size == 4 ? Code.Movss_xmmm32_xmm : Code.Movsd_xmmm64_xmm, mem, X(value)));
        else E(Create(IcedTables.Store(inst.Size), mem, G(value, inst.Size)));
    }

    /// <summary>
    /// Division with Cranelift's semantics: a zero divisor traps int_divz; signed MIN / -1 traps int_ovf
    /// (tested with neg at the IR type's width, which overflows exactly for MIN) and MIN % -1 is 0.
    /// The dividend is in rax, extended to the operation width.
    /// </summary>
    private void EmitDiv(MInst inst, Reg divisor)
    {
        int s = inst.Size;
        var d = G(divisor, s);
        if (inst.KnownDivisor is not { } known || known == 0)
        {
            E(Create(IcedTables.Test(s), d, d));
            TrapIf(CondCode.E, TrapCode.IntegerDivisionByZero);
        }
        var done = _buf.GetLabel();
        bool signed = inst.Div is DivKind.Sdiv or DivKind.Srem;
        if (signed && inst.KnownDivisor is { } k && k != -1)
        {
            E(Create(s == 8 ? Code.Cqo : Code.Cdq));
            E(Create(s == 8 ? Code.Idiv_rm64 : Code.Idiv_rm32, d));
        }
        else if (signed)
        {
            var normal = _buf.GetLabel();
            E(Create(IcedTables.CmpImm(s, -1), d, -1));
            BranchTo(Code.Jne_rel32_64, normal);
            if (inst.Div == DivKind.Sdiv)
            {
                E(Create(IcedTables.Unary(UnaryOp.Neg, inst.FromSize), G(X64Regs.Rax, inst.FromSize)));
                BranchTo(Code.Jno_rel32_64, done);
                TrapAt(TrapCode.IntegerOverflow);
            }
            else
            {
                E(Create(Code.Xor_r32_rm32, Register.EDX, Register.EDX));
                BranchTo(Code.Jmp_rel32_64, done);
            }
            _buf.BindLabel(normal);
            E(Create(s == 8 ? Code.Cqo : Code.Cdq));
            E(Create(s == 8 ? Code.Idiv_rm64 : Code.Idiv_rm32, d));
        }
        else
        {
            E(Create(Code.Xor_r32_rm32, Register.EDX, Register.EDX));
            E(Create(s == 8 ? Code.Div_rm64 : Code.Div_rm32, d));
        }
        _buf.BindLabel(done);
    }
}
