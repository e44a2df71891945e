using Iced.Intel;
using Stencil.Ir;
using Stencil.Isa.Backend;
using static Iced.Intel.Instruction;

namespace Stencil.Isa.X64;

internal sealed partial class X64Emitter
{
    private void EmitCmpxchg16b(MInst inst, Reg address)
    {
        if (inst.IsTrapSite) _buf.AddTrap(TrapCode.HeapOutOfBounds);
        E(Locked(Create(Code.Cmpxchg16b_m128, new MemoryOperand(G(address, 8)))));
    }

    /// <summary>rdx:rax holds the current value; build the new one in rcx:rbx from it and the operand in
    /// rdi:rsi, then try to swap it in, retrying with the value cmpxchg16b reloaded until it sticks.</summary>
    private void EmitAtomicRmwLoop128(MInst inst, Reg[] p)
    {
        var retry = _buf.GetLabel();
        _buf.BindLabel(retry);
        switch (inst.Rmw)
        {
            case AtomicRmwOp.Xchg:
                E(Create(Code.Mov_r64_rm64, Register.RBX, Register.RSI));
                E(Create(Code.Mov_r64_rm64, Register.RCX, Register.RDI));
                break;
            case AtomicRmwOp.Add or AtomicRmwOp.Sub:
            {
                bool add = inst.Rmw == AtomicRmwOp.Add;
                CopyCurrent();
                E(Create(IcedTables.AluReg(add ? AluOp.Add : AluOp.Sub, 8), Register.RBX, Register.RSI));
                E(Create(IcedTables.AluReg(add ? AluOp.Adc : AluOp.Sbb, 8), Register.RCX, Register.RDI));
                break;
            }
            case AtomicRmwOp.And or AtomicRmwOp.Or or AtomicRmwOp.Xor or AtomicRmwOp.Nand:
            {
                var op = inst.Rmw switch { AtomicRmwOp.Or => AluOp.Or, AtomicRmwOp.Xor => AluOp.Xor, _ => AluOp.And };
                CopyCurrent();
                E(Create(IcedTables.AluReg(op, 8), Register.RBX, Register.RSI));
                E(Create(IcedTables.AluReg(op, 8), Register.RCX, Register.RDI));
                if (inst.Rmw == AtomicRmwOp.Nand)
                {
                    E(Create(IcedTables.Unary(UnaryOp.Not, 8), Register.RBX));
                    E(Create(IcedTables.Unary(UnaryOp.Not, 8), Register.RCX));
                }
                break;
            }
            default:
            {
                // Flags of current - operand over 128 bits (cmp low, sbb high into a scratch copy), then
                // take the operand when the current value is on the losing side.
                E(Create(Code.Cmp_rm64_r64, Register.RAX, Register.RSI));
                E(Create(Code.Mov_r64_rm64, Register.RBX, Register.RDX));
                E(Create(IcedTables.AluReg(AluOp.Sbb, 8), Register.RBX, Register.RDI));
                var cc = inst.Rmw switch
                {
                    AtomicRmwOp.Umin => CondCode.AE,
                    AtomicRmwOp.Umax => CondCode.B,
                    AtomicRmwOp.Smin => CondCode.GE,
                    _ => CondCode.L,
                };
                CopyCurrent();
                E(Create(IcedTables.Cmov64[(int)cc], Register.RBX, Register.RSI));
                E(Create(IcedTables.Cmov64[(int)cc], Register.RCX, Register.RDI));
                break;
            }
        }
        EmitCmpxchg16b(inst, p[0]);
        BranchTo(Code.Jne_rel32_64, retry);
    }

    /// <summary>mov does not touch the flags, so this may sit between a compare and its cmovs.</summary>
    private void CopyCurrent()
    {
        E(Create(Code.Mov_r64_rm64, Register.RBX, Register.RAX));
        E(Create(Code.Mov_r64_rm64, Register.RCX, Register.RDX));
    }
}
