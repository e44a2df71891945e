using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

internal sealed partial class X64Lowering
{
    /// <summary>Atomics are sequentially consistent: x86 loads already are, stores use xchg, and
    /// read-modify-write uses lock xadd / xchg or a lock cmpxchg loop.</summary>
    private bool LowerAtomicInst(Inst inst)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        switch (d.Opcode)
        {
            case Opcode.AtomicLoad when t.IsInt:
                Emit(MInst.Load(Result(inst), Get(d.Args[0]), Amode.RegDisp(0), SizeOf(t), false, trap: !d.Flags.Notrap));
                return true;
            case Opcode.AtomicStore when TypeOf(d.Args[0]).IsInt:
            {
                var v = Temp();
                Emit(MInst.Mov(v, Get(d.Args[0])));
                Emit(MInst.AtomicXadd(v, Get(d.Args[1]), SizeOf(TypeOf(d.Args[0])), exchange: true, trap: !d.Flags.Notrap));
                return true;
            }
            case Opcode.AtomicRmw when t.IsInt:
            {
                var address = Get(d.Args[0]);
                var operand = Get(d.Args[1]);
                int size = SizeOf(t);
                if (Uses[_dfg.ResolveAliases(_dfg.FirstResult(inst))] == 0 && d.RmwOp switch
                    {
                        AtomicRmwOp.Add => AluOp.Add, AtomicRmwOp.Sub => AluOp.Sub, AtomicRmwOp.And => AluOp.And,
                        AtomicRmwOp.Or => AluOp.Or, AtomicRmwOp.Xor => AluOp.Xor, _ => (AluOp?)null,
                    } is { } alu)
                {
                    // Nobody reads the old value: a lock-prefixed op on memory is atomic and needs no loop.
                    Emit(MInst.AtomicAluMem(alu, address, operand, size, trap: !d.Flags.Notrap));
                    return true;
                }
                if (d.RmwOp is AtomicRmwOp.Add or AtomicRmwOp.Sub or AtomicRmwOp.Xchg)
                {
                    var v = Result(inst);
                    Emit(MInst.Mov(v, operand));
                    if (d.RmwOp == AtomicRmwOp.Sub) Emit(MInst.Un(UnaryOp.Neg, v, 8));
                    Emit(MInst.AtomicXadd(v, address, size, exchange: d.RmwOp == AtomicRmwOp.Xchg, trap: !d.Flags.Notrap));
                    return true;
                }
                // The loop's temp is rcx, pinned like rax (a third allocatable operand could need a third
                // scratch register when everything is spilled). It is read-modify-write so that the
                // allocator keeps the address and operand, live through the loop, out of it.
                var temp = X64Regs.Rcx;
                Emit(MInst.MovImm(temp, 0));
                Emit(MInst.Load(X64Regs.Rax, address, Amode.RegDisp(0), size, false, trap: !d.Flags.Notrap));
                Emit(MInst.AtomicRmwLoop(d.RmwOp, address, operand, temp, size, trap: !d.Flags.Notrap));
                Emit(MInst.Mov(Result(inst), X64Regs.Rax));
                return true;
            }
            case Opcode.AtomicCas when t.IsInt:
            {
                Emit(MInst.Mov(X64Regs.Rax, Get(d.Args[1])));
                Emit(MInst.AtomicCas(Get(d.Args[0]), Get(d.Args[2]), SizeOf(t), trap: !d.Flags.Notrap));
                Emit(MInst.Mov(Result(inst), X64Regs.Rax));
                return true;
            }
        }
        return false;
    }
}
