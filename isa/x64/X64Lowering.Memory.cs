using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.X64;

internal sealed partial class X64Lowering
{
    private Amode SlotAmode(StackSlot slot, int offset)
    {
        if (slot.Index >= _func.SizedStackSlots.Count) throw IsaDiagnostics.Malformed($"{slot} does not exist");
        return Amode.StackSlot((int)slot.Index, offset);
    }

    private ExtFuncData ExtFunc(FuncRef f) =>
        f.Index < _dfg.ExtFuncs.Count ? _dfg.ExtFuncs[(int)f.Index] : throw IsaDiagnostics.Malformed($"{f} is not declared");

    private static void CheckEndianness(MemFlags flags, Inst inst, DataFlowGraph dfg)
    {
        if (flags.Endianness == Endianness.Big)
            throw new Stencil.Ir.Diagnostics.DiagnosticException(Stencil.Ir.Diagnostics.Diagnostic.Error(IsaDiagnostics.UnsupportedOpcode,
                $"{IsaName} backend does not support big-endian `{dfg[inst].Opcode.Name()}` yet"));
    }

    private void LowerLoad(Inst inst)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        CheckEndianness(d.Flags, inst, _dfg);
        var (size, signed) = d.Opcode switch
        {
            Opcode.Uload8 => (1, false), Opcode.Sload8 => (1, true),
            Opcode.Uload16 => (2, false), Opcode.Sload16 => (2, true),
            Opcode.Uload32 => (4, false), Opcode.Sload32 => (4, true),
            _ => (SizeOf(t), false),
        };
        var dst = Result(inst);
        var (baseReg, index, mode) = Address(d.Args[0], d.Offset);
        Emit(MInst.LoadIndexed(dst, baseReg, index, mode, size, signed, trap: !d.Flags.Notrap));
    }

    private void LowerStore(Inst inst)
    {
        var d = _dfg[inst];
        CheckEndianness(d.Flags, inst, _dfg);
        if (LowerLoadOpStore(inst)) return;
        int size = d.Opcode switch
        {
            Opcode.Istore8 => 1,
            Opcode.Istore16 => 2,
            Opcode.Istore32 => 4,
            _ => SizeOf(TypeOf(d.Args[0])),
        };
        var value = Get(d.Args[0]);
        var (baseReg, index, mode) = Address(d.Args[1], d.Offset);
        Emit(MInst.StoreIndexed(value, baseReg, index, mode, size, trap: !d.Flags.Notrap));
    }

    /// <summary>
    /// Base and displacement for the two 8-byte halves of an access at <paramref name="addr"/> + <paramref name="offset"/>.
    /// Any 32-bit offset is valid IR, but the high half's offset + 8 may not fit a disp32: then the address is
    /// computed into a register first (Cranelift materialises such amodes the same way).
    /// </summary>
    private (Reg Base, int Disp) PairAddress(Reg addr, int offset)
    {
        if (offset <= int.MaxValue - 8) return (addr, offset);
        var sum = Temp();
        Emit(MInst.Mov(sum, addr));
        AddConst(sum, offset);
        return (sum, 0);
    }

    /// <summary>Computes a global value into a fresh register (plus <paramref name="extra"/> bytes).</summary>
    private Reg GlobalValueReg(GlobalValue gv, long extra, int depth = 0)
    {
        if (gv.Index >= _func.GlobalValues.Count) throw IsaDiagnostics.Malformed($"{gv} does not exist");
        if (depth > _func.GlobalValues.Count) throw IsaDiagnostics.Malformed($"{gv} is defined in terms of itself");
        var data = _func.GlobalValues[(int)gv.Index];
        var dst = Temp();
        switch (data.Kind)
        {
            case GlobalValueKind.VMContext:
            {
                int index = _func.Signature.Params.FindIndex(p => p.Purpose == ArgumentPurpose.VMContext);
                if (index < 0 || _func.Layout.EntryBlock is not { } entry) throw IsaDiagnostics.Malformed($"{gv} is vmctx but the signature has no vmctx parameter");
                Emit(MInst.Mov(dst, Get(_dfg.BlockParams(entry)[index])));
                break;
            }
            case GlobalValueKind.Load:
            {
                int size = SizeOf(data.GlobalType);
                // An offset beyond a disp32 is added to the base first: every offset the reader accepts compiles.
                bool fits = data.Offset is >= int.MinValue and <= int.MaxValue;
                var baseReg = GlobalValueReg(data.Base, fits ? 0 : data.Offset, depth + 1);
                Emit(MInst.Load(dst, baseReg, Amode.RegDisp(fits ? (int)data.Offset : 0), size, false, trap: !data.Flags.Notrap));
                break;
            }
            case GlobalValueKind.IAddImm:
            {
                Emit(MInst.Mov(dst, GlobalValueReg(data.Base, 0, depth + 1)));
                AddConst(dst, data.Offset);
                break;
            }
            case GlobalValueKind.Symbol:
                if (data.Tls) throw IsaDiagnostics.Opcode(IsaName, Opcode.TlsValue, IrType.Invalid);
                // Colocated symbols are reached PC-relatively; others, and every symbol under is_pic, through their GOT entry.
                // An addend beyond 32 bits could never leave the rel32 in range, so such offsets are added after the lea.
                if (data.Colocated && !_flags.IsPic && data.Offset is >= int.MinValue + 8 and <= int.MaxValue)
                    Emit(MInst.LeaSymbol(dst, data.Name, data.Offset, viaGot: false));
                else if (data.Colocated && !_flags.IsPic)
                {
                    Emit(MInst.LeaSymbol(dst, data.Name, 0, viaGot: false));
                    AddConst(dst, data.Offset);
                }
                else
                {
                    Emit(MInst.LeaSymbol(dst, data.Name, 0, viaGot: true));
                    AddConst(dst, data.Offset);
                }
                break;
            default:
                // dyn_scale_target_const and any later kind: refuse rather than leave dst undefined.
                throw IsaDiagnostics.Type(IsaName, data.GlobalType, $"global value {gv} of kind {data.Kind}");
        }
        AddConst(dst, extra);
        return dst;
    }

    private void AddConst(Reg dst, long value)
    {
        if (value == 0) return;
        if (value is >= int.MinValue and <= int.MaxValue) Emit(MInst.AluRI(AluOp.Add, dst, (int)value, 8));
        else Emit(MInst.AluRR(AluOp.Add, dst, Const(value), 8));
    }

    private void LowerReturn(Inst inst)
    {
        var d = _dfg[inst];
        var sig = _func.Signature;
        if (d.Args.Length != sig.Returns.Count)
            throw IsaDiagnostics.Malformed($"return of {d.Args.Length} values from a function returning {sig.Returns.Count}");
        var locs = _abi.Returns;
        var regs = new List<Reg>();
        if (_abi.StructReturnParam >= 0 && _func.Layout.EntryBlock is { } entry)
        {
            // System V: the callee returns the sret pointer it was given in rax.
            Emit(MInst.Mov(X64Regs.Rax, Get(_dfg.BlockParams(entry)[_abi.StructReturnParam])));
            regs.Add(X64Regs.Rax);
        }
        // Memory returns first: filling the return registers pins them until the ret.
        var parts = StoreMemoryParts(locs, i => ExtendedParts(d.Args[i], sig.Returns[i]),
            (part, i, loc) => MInst.Store(part, _returnAreaPointer!.Value, Amode.RegDisp(loc.StackOffset), StoreSize(d.Args[i], part)));
        MoveRegisterParts(locs, parts, regs);
        Emit(MInst.Ret(regs.ToArray()));
    }

    /// <summary>How a direct call reaches its callee: through the PLT, or with is_pic a callee outside the module
    /// through its GOT entry (<c>call [rip+f@GOTPCREL]</c>), as Cranelift's is_pic loads the address from the GOT.</summary>
    private Reloc CallReloc(bool colocated) => _flags.IsPic && !colocated ? Reloc.X86GOTPCRel4 : Reloc.X86CallPLTRel4;

    private int StoreSize(Value v, Reg part) => part.Class == RegClass.Float ? SizeOf(TypeOf(v)) : 8;

    /// <summary>A value's register parts, narrow integers extended first when the ABI parameter says uext/sext.</summary>
    private Reg[] ExtendedParts(Value v, AbiParam p)
    {
        var t = TypeOf(v);
        if (t != p.Type) throw IsaDiagnostics.Malformed($"{v} has type {t} where the signature expects {p.Type}");
        if (p.Extension == ArgumentExtension.None || !t.IsInt || t.Bits >= 64) return Parts(v);
        var ext = Temp();
        Extend(ext, Get(v), t, p.Extension == ArgumentExtension.Sext);
        return [ext];
    }

    private void LowerCall(Inst inst)
    {
        var d = _dfg[inst];
        var sig = _dfg.CallSignature(inst) ?? throw IsaDiagnostics.Malformed($"{inst} calls with an undeclared signature");
        bool indirect = d.Opcode == Opcode.CallIndirect;
        var args = indirect ? d.Args.AsSpan(1) : d.Args.AsSpan();
        if (args.Length != sig.Params.Count) throw IsaDiagnostics.Malformed($"{inst} passes {args.Length} arguments for {sig.Params.Count} parameters");
        var layout = SysVAbi.Layout(sig, _flags);
        var locs = layout.Params;
        var retLocs = layout.Returns;
        _outgoingArgBytes = Math.Max(_outgoingArgBytes, layout.StackArgBytes);
        _returnAreaBytes = Math.Max(_returnAreaBytes, layout.ReturnAreaBytes);

        // Stack arguments first: evaluating them may need registers that the register arguments then pin.
        var argValues = args.ToArray();
        var argParts = StoreMemoryParts(locs, i => ExtendedParts(argValues[i], sig.Params[i]),
            (part, _, loc) => MInst.Store(part, null, Amode.Outgoing(loc.StackOffset), 8));
        Reg? callee = indirect ? Get(d.Args[0]) : null;
        var argRegs = new List<Reg>();
        if (layout.HasReturnArea)
        {
            Emit(MInst.Lea(SysVAbi.ReturnAreaPointer, Amode.ReturnArea(0)));
            argRegs.Add(SysVAbi.ReturnAreaPointer);
        }
        MoveRegisterParts(locs, argParts, argRegs);
        if (callee is { } c) Emit(MInst.CallInd(c, argRegs.ToArray()));
        else
        {
            var ext = ExtFunc(d.FuncRef);
            Emit(MInst.Call(ext.Name, CallReloc(ext.Colocated), argRegs.ToArray()));
        }
        var results = _dfg.InstResults(inst);
        if (results.Count != retLocs.Length) throw IsaDiagnostics.Malformed($"{inst} has {results.Count} results for {retLocs.Length} returns");
        for (int i = 0; i < results.Count; i++)
        {
            var type = TypeOf(results[i]);
            ReceiveParts(Parts(results[i]), retLocs[i],
                (part, loc) => MInst.Load(part, null, Amode.ReturnArea(loc.StackOffset), part.Class == RegClass.Float ? SizeOf(type) : 8, false));
        }
    }
}
