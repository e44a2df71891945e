using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// i128 atomics through lock cmpxchg16b, which compares rdx:rax with 16 aligned bytes and stores
/// rcx:rbx when equal, else loads them into rdx:rax. Loads are a compare-exchange of zero with zero
/// (memory never changes, the old value comes back either way); stores and read-modify-writes loop.
/// </summary>
internal sealed partial class X64Lowering
{
    private bool LowerWideAtomic(Inst inst)
    {
        var d = _dfg[inst];
        bool trap = !d.Flags.Notrap;
        switch (d.Opcode)
        {
            case Opcode.AtomicLoad:
            {
                CheckEndianness(d.Flags, inst, _dfg);
                var address = Get(d.Args[0]);
                foreach (var r in (ReadOnlySpan<Reg>)[X64Regs.Rax, X64Regs.Rdx, X64Regs.Rbx, X64Regs.Rcx]) Emit(MInst.MovImm(r, 0));
                Emit(MInst.AtomicCas128(address, trap));
                SetWideResult(inst);
                return true;
            }
            case Opcode.AtomicCas:
            {
                CheckEndianness(d.Flags, inst, _dfg);
                var address = Get(d.Args[0]);
                var (elo, ehi) = Pair(d.Args[1]);
                var (rlo, rhi) = Pair(d.Args[2]);
                Emit(MInst.Mov(X64Regs.Rax, elo));
                Emit(MInst.Mov(X64Regs.Rdx, ehi));
                Emit(MInst.Mov(X64Regs.Rbx, rlo));
                Emit(MInst.Mov(X64Regs.Rcx, rhi));
                Emit(MInst.AtomicCas128(address, trap));
                SetWideResult(inst);
                return true;
            }
            case Opcode.AtomicRmw:
                CheckEndianness(d.Flags, inst, _dfg);
                RmwLoop128(d.RmwOp, Get(d.Args[0]), Pair(d.Args[1]), trap);
                SetWideResult(inst);
                return true;
            case Opcode.AtomicStore:
                CheckEndianness(d.Flags, inst, _dfg);
                RmwLoop128(AtomicRmwOp.Xchg, Get(d.Args[1]), Pair(d.Args[0]), trap);
                return true;
        }
        return false;
    }

    private void RmwLoop128(AtomicRmwOp op, Reg address, (Reg Lo, Reg Hi) operand, bool trap)
    {
        // A plain load starts the loop; a torn value only makes the first cmpxchg16b fail and reload.
        Emit(MInst.Load(X64Regs.Rax, address, Amode.RegDisp(0), 8, false, trap));
        Emit(MInst.Load(X64Regs.Rdx, address, Amode.RegDisp(8), 8, false, trap));
        Emit(MInst.Mov(X64Regs.Rsi, operand.Lo));
        Emit(MInst.Mov(X64Regs.Rdi, operand.Hi));
        Emit(MInst.MovImm(X64Regs.Rbx, 0));
        Emit(MInst.MovImm(X64Regs.Rcx, 0));
        Emit(MInst.AtomicRmwLoop128(op, address, trap));
    }

    private void SetWideResult(Inst inst)
    {
        var (lo, hi) = Pair(_dfg.FirstResult(inst));
        Emit(MInst.Mov(lo, X64Regs.Rax));
        Emit(MInst.Mov(hi, X64Regs.Rdx));
    }
}
