using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.X64;

/// <summary>
/// A select of integers on an fcmp (directly or through extensions of its 0 or 1) sets the flags with the compare's own
/// ucomis and picks with one or two cmovs, as Cranelift's lowering does at every level, instead of materialising the
/// condition with setcc and testing it. Equal is ZF and not PF: start from the true value and move the false one in on NE and on P; not-equal
/// is ZF clear or PF: start from the false value and move the true one in on NE and on P.
/// </summary>
internal sealed partial class X64Lowering
{
    /// <summary>The fcmp whose flags a select of integers (of at most 64 bits) can use directly (see
    /// <see cref="ConditionSource"/>).</summary>
    private Inst? FloatCompareOfSelect(Inst inst)
    {
        var d = _dfg[inst];
        if (d.Opcode is not (Opcode.Select or Opcode.SelectSpectreGuard) || d.Args.Length != 3 || !_dfg.IsValidValue(d.Args[0])) return null;
        if (_dfg.ControllingType(inst) is not { IsInt: true, Bits: <= 64 }) return null;
        if (ConditionSource(d.Args[0]) is not { } source) return null;
        var c = _dfg[source];
        return c.Opcode == Opcode.Fcmp && TypeOf(c.Args[0]).IsFloat ? source : null;
    }

    private bool LowerSelectOnFloatCompare(Inst inst)
    {
        if (FloatCompareOfSelect(inst) is not { } fcmp) return false;
        var d = _dfg[inst];
        var (cc, second, both) = EmitFloatCompare(fcmp);
        var dst = Result(inst);
        var whenTrue = Get(d.Args[1]);
        var whenFalse = Get(d.Args[2]);
        if (second is not { } cc2)
        {
            Emit(MInst.Mov(dst, whenFalse));
            Emit(MInst.Cmov(cc, dst, whenTrue, 8));
        }
        else if (both)
        {
            Emit(MInst.Mov(dst, whenTrue));
            Emit(MInst.Cmov(cc.Invert(), dst, whenFalse, 8));
            Emit(MInst.Cmov(cc2.Invert(), dst, whenFalse, 8));
        }
        else
        {
            Emit(MInst.Mov(dst, whenFalse));
            Emit(MInst.Cmov(cc, dst, whenTrue, 8));
            Emit(MInst.Cmov(cc2, dst, whenTrue, 8));
        }
        return true;
    }
}
