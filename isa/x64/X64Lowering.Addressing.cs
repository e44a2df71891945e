using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// x86's <c>[base + index * scale + disp]</c> operand, at every opt level as in Cranelift's lowering. An access
/// address or an integer add is flattened through up to two levels of <c>iadd</c>s into at most two registers and a
/// constant; an <c>ishl</c> by 1 to 3 becomes the scale. The adds and shifts looked through are pure, so they are
/// computed only if something else still reads them (<see cref="FindLoweredInsts"/>). Adds become one <c>lea</c>.
/// </summary>
internal sealed partial class X64Lowering
{
    /// <summary>An address as x86 forms it: <c>Base + Index &lt;&lt; Shift + Disp</c>.</summary>
    private readonly record struct AddressTerms(Value Base, Value? Index, int Shift, int Disp);

    private const int FlattenDepth = 2;

    /// <summary>The terms of <paramref name="v"/> + <paramref name="offset"/> computed at <paramref name="type"/>'s
    /// width, looking through <paramref name="depth"/> levels of adds; null when they need more than two registers,
    /// none at all, or (64-bit) a displacement beyond 32 bits.</summary>
    private AddressTerms? Flatten(Value v, long offset, IrType type, int depth)
    {
        // Deeper first; a level too deep may need a third register where one level less does not.
        for (int levels = depth; levels >= 1; levels--)
            if (FlattenAt(v, offset, type, levels) is { } terms) return terms;
        return null;
    }

    private AddressTerms? FlattenAt(Value v, long offset, IrType type, int depth)
    {
        var regs = new List<Value>(3);
        long disp = offset;
        Collect(v, depth);
        if (regs.Count is 0 or > 2) return null;
        if (type.Bits == 64 && disp is < int.MinValue or > int.MaxValue) return null;
        if (regs.Count == 1) return new AddressTerms(regs[0], null, 0, (int)disp);
        if (Scaled(regs[1], type) is { } s1) return new AddressTerms(regs[0], s1.Index, s1.Shift, (int)disp);
        if (Scaled(regs[0], type) is { } s0) return new AddressTerms(regs[1], s0.Index, s0.Shift, (int)disp);
        return new AddressTerms(regs[0], regs[1], 0, (int)disp);

        void Collect(Value x, int levels)
        {
            x = _dfg.ResolveAliases(x);
            if (ConstOf(x) is { } c && TypeOf(x) == type) { disp += c; return; }
            if (levels > 0 && FlattenableAdd(x, type) is { } add)
            {
                var d = _dfg[add];
                Collect(d.Args[0], levels - 1);
                if (d.Opcode == Opcode.IaddImm) disp += d.Imm;
                else Collect(d.Args[1], levels - 1);
                return;
            }
            regs.Add(x);
        }
    }

    /// <summary>The add defining <paramref name="v"/> when it can be looked through: of the type, not wide, and not
    /// carrying a folded load (which only its own lowering reads).</summary>
    private Inst? FlattenableAdd(Value v, IrType type)
    {
        var def = _dfg.ValueDef(v);
        if (def.Kind != ValueDefKind.Result || TypeOf(v) != type) return null;
        var inst = def.Inst;
        var d = _dfg[inst];
        // Operands are checked here because this runs before the shape check of the add's own rule.
        bool wellFormed = d.Opcode switch
        {
            Opcode.Iadd => d.Args.Length == 2 && _dfg.IsValidValue(d.Args[0]) && _dfg.IsValidValue(d.Args[1]),
            Opcode.IaddImm => d.Args.Length == 1 && _dfg.IsValidValue(d.Args[0]),
            _ => false,
        };
        return wellFormed && !_loadFolds.ContainsKey(inst) ? inst : null;
    }

    /// <summary><c>x &lt;&lt; 1..3</c> (by immediate or constant) of the type: an index register with its scale.</summary>
    private (Value Index, int Shift)? Scaled(Value v, IrType type)
    {
        var def = _dfg.ValueDef(_dfg.ResolveAliases(v));
        if (def.Kind != ValueDefKind.Result || TypeOf(v) != type) return null;
        var d = _dfg[def.Inst];
        if (d.Args.Length == 0 || !_dfg.IsValidValue(d.Args[0])) return null;
        long? amount = d.Opcode switch
        {
            Opcode.IshlImm => d.Imm,
            Opcode.Ishl when d.Args.Length == 2 => ConstOf(d.Args[1]),
            _ => null,
        };
        return amount is { } a && (a & (type.Bits - 1)) is >= 1 and <= 3 ? (d.Args[0], (int)(a & (type.Bits - 1))) : null;
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
        if (arg < 0 || type.IsVector || type.Bits > 64 || type == IrType.F16) return null;
        return d.Opcode is Opcode.Load or Opcode.Uload8 or Opcode.Sload8 or Opcode.Uload16 or Opcode.Sload16 or Opcode.Uload32 or Opcode.Sload32
            or Opcode.Store or Opcode.Istore8 or Opcode.Istore16 or Opcode.Istore32 ? arg : null;
    }

    /// <summary>The terms of an access at <paramref name="addr"/> + <paramref name="offset"/>: flattened when the
    /// address is 64-bit, else the address register itself.</summary>
    private AddressTerms AccessTerms(Value addr, int offset) =>
        (TypeOf(addr) == IrType.I64 ? Flatten(addr, offset, IrType.I64, FlattenDepth) : null)
        ?? new AddressTerms(_dfg.ResolveAliases(addr), null, 0, offset);

    /// <summary>Base, index and scale for an access at <paramref name="addr"/> + <paramref name="offset"/>.</summary>
    private (Reg Base, Reg? Index, Amode Mode) Address(Value addr, int offset)
    {
        var t = AccessTerms(addr, offset);
        return t.Index is { } index
            ? (Get(t.Base), Get(index), Amode.RegIndexDisp(t.Shift, t.Disp))
            : (Get(t.Base), null, Amode.RegDisp(t.Disp));
    }

    /// <summary>The terms of an <c>iadd</c>/<c>iadd_imm</c> of at most 64 bits lowered as one <c>lea</c>, or null.</summary>
    private AddressTerms? LeaTerms(Inst inst)
    {
        var t = _dfg.ControllingType(inst);
        if (!_dfg.HasResults(inst) || FlattenableAdd(_dfg.FirstResult(inst), t) is null || !t.IsInt || t.Bits > 64 || IsWide(inst) || _loadFolds.ContainsKey(inst)) return null;
        return Flatten(_dfg.FirstResult(inst), 0, t, FlattenDepth);
    }

    /// <summary><c>iadd</c> and <c>iadd_imm</c> as one <c>lea</c>, needing no copy of either operand.</summary>
    private bool LowerAddAsLea(Inst inst)
    {
        if (LeaTerms(inst) is not { } terms) return false;
        int size = OpSize(_dfg.ControllingType(inst));
        var mode = terms.Index is null ? Amode.RegDisp(terms.Disp) : Amode.RegIndexDisp(terms.Shift, terms.Disp);
        Emit(MInst.LeaIndexed(Result(inst), Get(terms.Base), terms.Index is { } i ? Get(i) : null, mode, size));
        return true;
    }
}
