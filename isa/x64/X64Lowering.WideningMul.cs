using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.X64;

/// <summary>
/// An i128 product of two 64-bit values extended alike (<c>imul (uextend a), (uextend b)</c>, or both
/// <c>sextend</c>) is one <c>mul</c> (or <c>imul</c>) with the full product in rdx:rax, not a 128×128 multiply.
/// </summary>
internal sealed partial class X64Lowering
{
    private (Value A, Value B, bool Signed)? WideningMulSources(Inst inst)
    {
        var d = _dfg[inst];
        if (d.Opcode != Opcode.Imul || _dfg.ControllingType(inst) != IrType.I128 || d.Args.Length != 2
            || !_dfg.IsValidValue(d.Args[0]) || !_dfg.IsValidValue(d.Args[1])) return null;
        if (Extended64(d.Args[0]) is not { } a || Extended64(d.Args[1]) is not { } b || a.Signed != b.Signed) return null;
        return (a.Source, b.Source, a.Signed);
    }

    private (Value Source, bool Signed)? Extended64(Value v)
    {
        var def = _dfg.ValueDef(_dfg.ResolveAliases(v));
        if (def.Kind != ValueDefKind.Result) return null;
        var d = _dfg[def.Inst];
        if (d.Opcode is not (Opcode.Uextend or Opcode.Sextend) || d.Args.Length != 1 || !_dfg.IsValidValue(d.Args[0]) || TypeOf(d.Args[0]) != IrType.I64) return null;
        return (d.Args[0], d.Opcode == Opcode.Sextend);
    }

    private bool LowerWideningMul(Inst inst)
    {
        if (WideningMulSources(inst) is not { } m) return false;
        var (lo, hi) = Pair(_dfg.FirstResult(inst));
        Emit(MInst.Mov(X64Regs.Rax, Get(m.A)));
        Emit(MInst.MulWide(Get(m.B), 8, m.Signed));
        Emit(MInst.Mov(lo, X64Regs.Rax));
        Emit(MInst.Mov(hi, X64Regs.Rdx));
        return true;
    }
}
