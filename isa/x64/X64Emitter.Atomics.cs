using Iced.Intel;
using Stencil.Ir;
using Stencil.Isa.Backend;
using static Iced.Intel.Instruction;

namespace Stencil.Isa.X64;

internal sealed partial class X64Emitter
{
    private static Instruction Locked(Instruction instruction)
    {
        instruction.HasLockPrefix = true;
        return instruction;
    }

    private void EmitAtomicCas(MInst inst, Reg[] p)
    {
        if (inst.IsTrapSite) _buf.AddTrap(TrapCode.HeapOutOfBounds);
        E(Locked(Create(IcedTables.Cmpxchg(inst.Size), new MemoryOperand(G(p[0], 8)), G(p[1], inst.Size))));
    }

    private void EmitAtomicAluMem(MInst inst, Reg[] p)
    {
        if (inst.IsTrapSite) _buf.AddTrap(TrapCode.HeapOutOfBounds);
        E(Locked(Create(IcedTables.AluToMem(inst.Alu, inst.Size), new MemoryOperand(G(p[0], 8)), G(p[1], inst.Size))));
    }

    private void EmitAtomicXadd(MInst inst, Reg[] p)
    {
        int s = inst.Size;
        var mem = new MemoryOperand(G(p[1], 8));
        if (inst.IsTrapSite) _buf.AddTrap(TrapCode.HeapOutOfBounds);
        // xchg with memory is locked implicitly; xadd needs the prefix.
        E(inst.Signed ? Create(IcedTables.Xchg(s), mem, G(p[0], s)) : Locked(Create(IcedTables.Xadd(s), mem, G(p[0], s))));
    }

    /// <summary>rax holds the current value; compute the new one in the temp and try to swap it in,
    /// retrying with the value cmpxchg reloaded into rax until no other writer interfered.</summary>
    private void EmitAtomicRmwLoop(MInst inst, Reg[] p)
    {
        int s = inst.Size;
        int opSize = s < 4 ? 4 : s;
        var mem = new MemoryOperand(G(p[0], 8));
        var operand = p[1];
        var temp = p[2];
        var retry = _buf.GetLabel();
        _buf.BindLabel(retry);
        E(Create(Code.Mov_r64_rm64, G(temp, 8), Register.RAX));
        switch (inst.Rmw)
        {
            case AtomicRmwOp.And: E(Create(IcedTables.AluReg(AluOp.And, opSize), G(temp, opSize), G(operand, opSize))); break;
            case AtomicRmwOp.Or: E(Create(IcedTables.AluReg(AluOp.Or, opSize), G(temp, opSize), G(operand, opSize))); break;
            case AtomicRmwOp.Xor: E(Create(IcedTables.AluReg(AluOp.Xor, opSize), G(temp, opSize), G(operand, opSize))); break;
            case AtomicRmwOp.Sub: E(Create(IcedTables.AluReg(AluOp.Sub, opSize), G(temp, opSize), G(operand, opSize))); break;
            case AtomicRmwOp.Add: E(Create(IcedTables.AluReg(AluOp.Add, opSize), G(temp, opSize), G(operand, opSize))); break;
            case AtomicRmwOp.Nand:
                E(Create(IcedTables.AluReg(AluOp.And, opSize), G(temp, opSize), G(operand, opSize)));
                E(Create(IcedTables.Unary(UnaryOp.Not, opSize), G(temp, opSize)));
                break;
            default:
            {
                // Keep the current value unless the operand is on the winning side of it.
                var cc = inst.Rmw switch
                {
                    AtomicRmwOp.Umin => CondCode.A,
                    AtomicRmwOp.Umax => CondCode.B,
                    AtomicRmwOp.Smin => CondCode.G,
                    _ => CondCode.L,
                };
                E(Create(IcedTables.Cmp(s), G(temp, s), G(operand, s)));
                E(Create(IcedTables.Cmov64[(int)cc], G(temp, 8), G(operand, 8)));
                break;
            }
        }
        if (inst.IsTrapSite) _buf.AddTrap(TrapCode.HeapOutOfBounds);
        E(Locked(Create(IcedTables.Cmpxchg(s), mem, G(temp, s))));
        BranchTo(Code.Jne_rel32_64, retry);
    }
}
