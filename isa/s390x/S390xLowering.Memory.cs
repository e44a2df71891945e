using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xLowering
{
    /// <summary>Loads by (bytes, signed, little-endian): the instruction writing a 64-bit register, and for reversed
    /// loads narrower than 8 bytes, the extension of the low bits that follows (lrv and lrvh leave the upper bits).</summary>
    private static readonly Dictionary<(int Bytes, bool Signed, bool Little), (string Load, string? Extend)> LoadRules = new()
    {
        [(8, false, false)] = ("lg", null), [(8, true, false)] = ("lg", null),
        [(4, false, false)] = ("llgf", null), [(4, true, false)] = ("lgf", null),
        [(2, false, false)] = ("llgh", null), [(2, true, false)] = ("lgh", null),
        [(1, false, false)] = ("llgc", null), [(1, true, false)] = ("lgb", null),
        [(8, false, true)] = ("lrvg", null), [(8, true, true)] = ("lrvg", null),
        [(4, false, true)] = ("lrv", "llgfr"), [(4, true, true)] = ("lrv", "lgfr"),
        [(2, false, true)] = ("lrvh", "llghr"), [(2, true, true)] = ("lrvh", "lghr"),
        [(1, false, true)] = ("llgc", null), [(1, true, true)] = ("lgb", null),
    };

    /// <summary>Stores by (bytes, little-endian).</summary>
    private static readonly Dictionary<(int Bytes, bool Little), string> StoreRules = new()
    {
        [(8, false)] = "stg", [(4, false)] = "sty", [(2, false)] = "sthy", [(1, false)] = "stcy",
        [(8, true)] = "strvg", [(4, true)] = "strv", [(2, true)] = "strvh", [(1, true)] = "stcy",
    };

    private MOperand SlotOperand(StackSlot slot, long offset)
    {
        if (slot.Index >= Function.SizedStackSlots.Count) throw IsaDiagnostics.Malformed($"{slot} does not exist");
        return Frame(MemArea.StackSlot, offset, (int)slot.Index);
    }

    private ExtFuncData ExtFunc(FuncRef f) =>
        f.Index < Dfg.ExtFuncs.Count ? Dfg.ExtFuncs[(int)f.Index] : throw IsaDiagnostics.Malformed($"{f} is not declared");

    /// <summary>base + offset as a storage operand: the 20-bit signed displacement when it reaches every byte of the
    /// <paramref name="span"/> accessed, else the sum in a register.</summary>
    private MOperand Address(Value address, long offset, int span = 1)
    {
        var b = Get(address);
        if (offset >= -(1 << 19) && offset + span - 1 < (1 << 19)) return Mem(b, offset);
        var sum = Temp();
        Emit(I("agrk", Def(sum), Use(b), Use(Const(offset))));
        return Mem(sum, 0);
    }

    private bool LowerMemoryInst(Inst inst)
    {
        var d = Dfg[inst];
        var t = Dfg.ControllingType(inst);
        switch (d.Opcode)
        {
            case Opcode.Load or Opcode.Uload8 or Opcode.Sload8 or Opcode.Uload16 or Opcode.Sload16 or Opcode.Uload32 or Opcode.Sload32:
            {
                var (bytes, signed) = d.Opcode switch
                {
                    Opcode.Uload8 => (1, false), Opcode.Sload8 => (1, true), Opcode.Uload16 => (2, false),
                    Opcode.Sload16 => (2, true), Opcode.Uload32 => (4, false), Opcode.Sload32 => (4, true), _ => (t.Bytes, false),
                };
                Load(Result(inst), t, bytes, signed, Address(d.Args[0], d.Offset), IsLittle(d.Flags), !d.Flags.Notrap);
                return true;
            }
            case Opcode.Store or Opcode.Istore8 or Opcode.Istore16 or Opcode.Istore32:
            {
                var vt = TypeOf(d.Args[0]);
                int bytes = d.Opcode switch { Opcode.Istore8 => 1, Opcode.Istore16 => 2, Opcode.Istore32 => 4, _ => vt.Bytes };
                Store(Get(d.Args[0]), vt, bytes, Address(d.Args[1], d.Offset), IsLittle(d.Flags), !d.Flags.Notrap);
                return true;
            }
            case Opcode.StackLoad:
                Load(Result(inst), t, t.Bytes, false, SlotOperand(d.StackSlot, d.Offset), little: false, trap: false);
                return true;
            case Opcode.StackStore:
            {
                var vt = TypeOf(d.Args[0]);
                Store(Get(d.Args[0]), vt, vt.Bytes, SlotOperand(d.StackSlot, d.Offset), little: false, trap: false);
                return true;
            }
            case Opcode.StackAddr:
                Emit(I("la", Def(Result(inst)), SlotOperand(d.StackSlot, d.Offset)));
                return true;
            case Opcode.FuncAddr:
            {
                var f = ExtFunc(d.FuncRef);
                Emit(LoadSymbol(Result(inst), f.Name, 0, f.Colocated));
            }
                return true;
            case Opcode.SymbolValue or Opcode.GlobalValue:
                Emit(S390xMInst.Move(Result(inst), GlobalValueReg(d.GlobalValue)));
                return true;
            case Opcode.TlsValue:
                LowerTlsValue(inst);
                return true;
            case Opcode.Fence:
                // Serialization: bcr 14,0 (fast-BCR-serialization, as Cranelift emits).
                Emit(I("bcr", Imm(14), Use(S390xRegs.Temp)));
                return true;
        }
        return false;
    }

    /// <summary>CLIF memory without an endianness is the target's: big-endian here.</summary>
    private static bool IsLittle(MemFlags flags) => flags.Endianness == Endianness.Little;

    private void Load(Reg dst, IrType t, int bytes, bool signed, MOperand addr, bool little, bool trap)
    {
        if (t.IsFloat)
        {
            if (!little) { Emit(Site(t == IrType.F32 ? "ley" : "ldy", trap, Def(dst), addr)); return; }
            // Reversed into a general register, then its bits into the float register's high end.
            var g = Temp();
            Emit(Site(t == IrType.F32 ? "lrv" : "lrvg", trap, Def(g), addr));
            if (t == IrType.F32) { var h = Temp(); Emit(I("sllg", Def(h), Use(g), Disp(32))); g = h; }
            Emit(I("ldgr", Def(dst), Use(g)));
            return;
        }
        var (load, extend) = LoadRules[(bytes, signed, little)];
        Emit(Site(load, trap, Def(dst), addr));
        if (extend is not null) Emit(I(extend, Def(dst), Use(dst)));
    }

    private void Store(Reg value, IrType t, int bytes, MOperand addr, bool little, bool trap)
    {
        if (t.IsFloat)
        {
            if (!little) { Emit(Site(t == IrType.F32 ? "stey" : "stdy", trap, Use(value), addr)); return; }
            var g = Temp();
            Emit(I("lgdr", Def(g), Use(value)));
            if (t == IrType.F32) { var h = Temp(); Emit(I("srlg", Def(h), Use(g), Disp(32))); g = h; }
            Emit(Site(t == IrType.F32 ? "strv" : "strvg", trap, Use(g), addr));
            return;
        }
        Emit(Site(StoreRules[(bytes, little)], trap, Use(value), addr));
    }

    private static S390xMInst Site(string mnemonic, bool trap, params MOperand[] operands) =>
        trap ? TrapSite(mnemonic, operands) : I(mnemonic, operands);

    private Reg GlobalValueReg(GlobalValue gv, int depth = 0)
    {
        if (gv.Index >= Function.GlobalValues.Count) throw IsaDiagnostics.Malformed($"{gv} does not exist");
        if (depth > Function.GlobalValues.Count) throw IsaDiagnostics.Malformed($"{gv} is defined in terms of itself");
        var data = Function.GlobalValues[(int)gv.Index];
        var dst = Temp();
        switch (data.Kind)
        {
            case GlobalValueKind.VMContext:
            {
                int index = Function.Signature.Params.FindIndex(p => p.Purpose == ArgumentPurpose.VMContext);
                if (index < 0 || Function.Layout.EntryBlock is not { } entry) throw IsaDiagnostics.Malformed($"{gv} is vmctx but the signature has no vmctx parameter");
                Emit(S390xMInst.Move(dst, Get(Dfg.BlockParams(entry)[index])));
                return dst;
            }
            case GlobalValueKind.Load:
            {
                var b = GlobalValueReg(data.Base, depth + 1);
                MOperand addr;
                if (data.Offset is >= -(1 << 19) and < (1 << 19)) addr = Mem(b, data.Offset);
                else { var sum = Temp(); Emit(I("agrk", Def(sum), Use(b), Use(Const(data.Offset)))); addr = Mem(sum, 0); }
                Load(dst, data.GlobalType, data.GlobalType.Bytes, false, addr, little: false, trap: !data.Flags.Notrap);
                return dst;
            }
            case GlobalValueKind.IAddImm:
                Emit(I("agrk", Def(dst), Use(GlobalValueReg(data.Base, depth + 1)), Use(Const(data.Offset))));
                return dst;
            case GlobalValueKind.Symbol:
                if (data.Tls) throw IsaDiagnostics.Opcode(IsaName, Opcode.TlsValue, IrType.Invalid);
                Emit(LoadSymbol(dst, data.Name, data.Offset, data.Colocated));
                return dst;
            default:
                throw IsaDiagnostics.Type(IsaName, data.GlobalType, $"global value {gv} of kind {data.Kind}");
        }
    }
}
