using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xLowering
{
    private static readonly Reg CasExpected = S390xRegs.Gpr(4);
    private static readonly Reg CasReplacement = S390xRegs.Gpr(5);

    /// <summary>Atomics as Cranelift's s390x backend has them: loads are plain loads (z/Architecture orders them), stores
    /// are followed by a serializing <c>bcr 14,0</c>, and read-modify-writes and compare-exchanges of 32 and 64 bits use
    /// cs/csg (a loop for the read-modify-writes). 8- and 16-bit ones loop on the word that holds them.</summary>
    private bool LowerAtomicInst(Inst inst)
    {
        var d = Dfg[inst];
        var t = Dfg.ControllingType(inst);
        bool little = IsLittle(d.Flags);
        switch (d.Opcode)
        {
            case Opcode.AtomicLoad when t.IsInt:
                Load(Result(inst), t, t.Bytes, false, Mem(Get(d.Args[0]), 0), little, trap: !d.Flags.Notrap);
                return true;
            case Opcode.AtomicStore when TypeOf(d.Args[0]).IsInt:
            {
                var vt = TypeOf(d.Args[0]);
                Store(Get(d.Args[0]), vt, vt.Bytes, Mem(Get(d.Args[1]), 0), little, trap: !d.Flags.Notrap);
                Emit(I("bcr", Imm(14), Use(S390xRegs.Temp)));
                return true;
            }
            case Opcode.AtomicRmw when t.IsInt && t.Bits >= 32:
                Emit(AtomicRmwLoop(d.RmwOp, Get(d.Args[0]), Get(d.Args[1]), t.Bytes, little, trap: !d.Flags.Notrap));
                Emit(S390xMInst.Move(Result(inst), S390xRegs.Gpr(3)));
                return true;
            case Opcode.AtomicCas when t.IsInt && t.Bits >= 32:
            {
                string reverse = t.Bits == 64 ? "lrvgr" : "lrvr";
                Emit(S390xMInst.Move(CasExpected, Get(d.Args[1])));
                Emit(S390xMInst.Move(CasReplacement, Get(d.Args[2])));
                if (little)
                {
                    Emit(I(reverse, Def(CasExpected), Use(CasExpected)));
                    Emit(I(reverse, Def(CasReplacement), Use(CasReplacement)));
                }
                Emit(Site(t.Bits == 64 ? "csg" : "cs", !d.Flags.Notrap, Mod(CasExpected), Use(CasReplacement), Mem(Get(d.Args[0]), 0)));
                var dst = Result(inst);
                Emit(little ? I(reverse, Def(dst), Use(CasExpected)) : S390xMInst.Move(dst, CasExpected));
                return true;
            }
            case Opcode.AtomicRmw or Opcode.AtomicCas when t.IsInt && t.Bits < 32:
                LowerSubwordAtomic(inst, t, little);
                return true;
        }
        return false;
    }

    /// <summary>8- and 16-bit atomics as a cs loop on the aligned word holding the value (Cranelift's approach): the
    /// operand (or expected and replacement values) shifted to the top of a word, the rotation 8 × the address.</summary>
    private void LowerSubwordAtomic(Inst inst, IrType t, bool little)
    {
        var d = Dfg[inst];
        bool cas = d.Opcode == Opcode.AtomicCas;
        var address = Get(d.Args[0]);
        var aligned = Copy(address);
        Emit(I("nill", Mod(aligned), Imm(0xFFFC)));
        Emit(I("sllg", Def(S390xRegs.Gpr(14)), Use(address), Disp(3)));
        int up = 32 - t.Bits;
        Emit(I("sllg", Def(S390xRegs.Gpr(2)), Use(Get(d.Args[1])), Disp(up)));
        if (cas) Emit(I("sllg", Def(S390xRegs.Gpr(0)), Use(Get(d.Args[2])), Disp(up)));
        else if (d.RmwOp is AtomicRmwOp.And or AtomicRmwOp.Nand) Emit(I("oilf", Mod(S390xRegs.Gpr(2)), Imm((1L << up) - 1)));
        Emit(AtomicSubwordLoop(d.RmwOp, cas, aligned, t.Bytes, little, trap: !d.Flags.Notrap));
        Emit(I("srlg", Def(Result(inst)), Use(S390xRegs.Gpr(3)), Disp(up)));
    }
}
