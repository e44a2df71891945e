using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// Addressing at optimizing levels. An access whose address is <c>iadd base, (ishl_imm index, 1..3)</c> or
/// <c>iadd base, index</c> uses x86's <c>[base + index * scale + disp]</c> operand; when every use of that
/// <c>iadd</c> folds so, it is not computed at all, nor is a shift whose only use was such an <c>iadd</c>.
/// Additions that remain become <c>lea</c>, a three-address add. <c>opt_level=none</c> lowers as before.
/// </summary>
internal sealed partial class X64Lowering
{
    private bool Optimizing => _flags.OptLevel != OptLevel.None;

    /// <summary>Per value: computed by nobody because every use folded it into an address.</summary>
    private bool[] FindFoldedAddresses()
    {
        var away = new bool[_dfg.NumValues];
        if (!Optimizing) return away;
        var uses = Uses;
        var addressUses = new int[_dfg.NumValues];
        foreach (var inst in _func.Layout.Insts())
            if (AccessAddressArg(inst) is { } arg && IndexedAddress(_dfg[inst].Args[arg]) is not null)
                addressUses[_dfg.ResolveAliases(_dfg[inst].Args[arg]).Index]++;
        var shiftUses = new int[_dfg.NumValues];
        for (int v = 0; v < away.Length; v++)
        {
            if (uses[v] == 0 || uses[v] != addressUses[v]) continue;
            away[v] = true;
            if (IndexedAddress(new Value((uint)v)) is { ShiftValue: { } shift }) shiftUses[_dfg.ResolveAliases(shift).Index]++;
        }
        for (int v = 0; v < away.Length; v++)
            if (shiftUses[v] > 0 && shiftUses[v] == uses[v]) away[v] = true;
        return away;
    }

    /// <summary>Which operand of a plain load or store is its address, when the access lowers through
    /// <see cref="LowerLoad"/>/<see cref="LowerStore"/> (scalar, at most 64 bits); null otherwise.</summary>
    private int? AccessAddressArg(Inst inst)
    {
        var d = _dfg[inst];
        if (d.Args.Length == 0 || !_dfg.IsValidValue(d.Args[0]) || IsWide(inst)) return null;
        var (arg, type) = d.Format switch
        {
            InstructionFormat.Load when _dfg.HasResults(inst) => (0, _dfg.ControllingType(inst)),
            InstructionFormat.Store when d.Args.Length == 2 && _dfg.IsValidValue(d.Args[1]) => (1, TypeOf(d.Args[0])),
            _ => (-1, IrType.Invalid),
        };
        if (arg < 0 || type.IsVector || type.Bits > 64 || type == IrType.F16 || d.Opcode.Info().Format is not (InstructionFormat.Load or InstructionFormat.Store)) return null;
        return d.Opcode is Opcode.Load or Opcode.Uload8 or Opcode.Sload8 or Opcode.Uload16 or Opcode.Sload16 or Opcode.Uload32 or Opcode.Sload32
            or Opcode.Store or Opcode.Istore8 or Opcode.Istore16 or Opcode.Istore32 ? arg : null;
    }

    /// <summary>base + index &lt;&lt; shift when <paramref name="addr"/> is a 64-bit <c>iadd</c>; <c>ShiftValue</c> is the
    /// <c>ishl_imm</c> result looked through, if any.</summary>
    private (Value Base, Value Index, int Shift, Value? ShiftValue)? IndexedAddress(Value addr)
    {
        addr = _dfg.ResolveAliases(addr);
        var def = _dfg.ValueDef(addr);
        if (def.Kind != ValueDefKind.Result || _dfg[def.Inst].Opcode != Opcode.Iadd || TypeOf(addr) != IrType.I64) return null;
        var (a, b) = (_dfg[def.Inst].Args[0], _dfg[def.Inst].Args[1]);
        if (Shifted(b) is { } sb) return (a, sb.Index, sb.Shift, b);
        if (Shifted(a) is { } sa) return (b, sa.Index, sa.Shift, a);
        return (a, b, 0, null);
    }

    private (Value Index, int Shift)? Shifted(Value v)
    {
        var def = _dfg.ValueDef(_dfg.ResolveAliases(v));
        if (def.Kind != ValueDefKind.Result) return null;
        var d = _dfg[def.Inst];
        return d.Opcode == Opcode.IshlImm && TypeOf(v) == IrType.I64 && (d.Imm & 63) is >= 1 and <= 3 ? (d.Args[0], (int)(d.Imm & 63)) : null;
    }

    private bool IsFoldedAway(Inst inst) => _dfg.HasResults(inst) && _foldedAway[_dfg.ResolveAliases(_dfg.FirstResult(inst)).Index];

    /// <summary>Base, index and scale for an access at <paramref name="addr"/> + <paramref name="offset"/>.</summary>
    private (Reg Base, Reg? Index, Amode Mode) Address(Value addr, int offset)
    {
        if (_foldedAway[_dfg.ResolveAliases(addr).Index] && IndexedAddress(addr) is { } folded)
            return (Get(folded.Base), Get(folded.Index), Amode.RegIndexDisp(folded.Shift, offset));
        return (Get(addr), null, Amode.RegDisp(offset));
    }

    /// <summary><c>iadd</c> and <c>iadd_imm</c> (32-bit immediates) as one <c>lea</c>, needing no copy of either operand.</summary>
    private bool LowerAddAsLea(Inst inst)
    {
        var d = _dfg[inst];
        if (!Optimizing || !_dfg.ControllingType(inst).IsInt || _dfg.ControllingType(inst).Bits > 64) return false;
        if (d.Opcode == Opcode.Iadd) Emit(MInst.LeaIndexed(Result(inst), Get(d.Args[0]), Get(d.Args[1]), Amode.RegIndexDisp(0, 0)));
        else if (d.Imm is >= int.MinValue and <= int.MaxValue) Emit(MInst.LeaIndexed(Result(inst), Get(d.Args[0]), null, Amode.RegDisp((int)d.Imm)));
        else return false;
        return true;
    }
}
