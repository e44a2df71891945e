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
    /// cs/csg (a loop for the read-modify-writes). 8- and 16-bit read-modify-writes would need a masked loop; not yet.</summary>
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
        }
        return false;
    }
}
