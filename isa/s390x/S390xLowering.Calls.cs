using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xLowering
{
    private void LowerReturn(Inst inst)
    {
        var d = Dfg[inst];
        var sig = Function.Signature;
        if (d.Args.Length != sig.Returns.Count)
            throw IsaDiagnostics.Malformed($"return of {d.Args.Length} values from a function returning {sig.Returns.Count}");
        var regs = new List<Reg>();
        var parts = StoreMemoryParts(_abi.Returns, i => TypeOf(d.Args[i]) == IrType.I128 ? Parts(d.Args[i]) : [ExtendedFor(d.Args[i], sig.Returns[i])],
            (part, i, loc) => StoreSlot(part, TypeOf(d.Args[i]), Mem(_returnAreaPointer!.Value, loc.StackOffset)));
        MoveRegisterParts(_abi.Returns, parts, regs);
        Emit(Ret([.. regs]));
    }

    /// <summary>A value as the ABI parameter says it travels: narrow integers extended when marked uext/sext.</summary>
    private Reg ExtendedFor(Value v, AbiParam p)
    {
        var t = TypeOf(v);
        var r = Get(v);
        if (!t.IsInt || t.Bits >= 64 || p.Extension == ArgumentExtension.None) return r;
        return Extended(r, t, p.Extension == ArgumentExtension.Sext);
    }

    /// <summary>An i128 argument's 16-byte copy in the outgoing argument area (high half first); its address is what
    /// travels.</summary>
    private Reg CopyForCall(Value arg, int offset)
    {
        var (lo, hi) = Pair(arg);
        Emit(I("stg", Use(hi), Frame(MemArea.OutgoingArg, offset)));
        Emit(I("stg", Use(lo), Frame(MemArea.OutgoingArg, offset + 8)));
        var pointer = Temp();
        Emit(I("la", Def(pointer), Frame(MemArea.OutgoingArg, offset)));
        return pointer;
    }

    private void LowerCall(Inst inst)
    {
        var d = Dfg[inst];
        var sig = Dfg.CallSignature(inst) ?? throw IsaDiagnostics.Malformed($"{inst} calls with an undeclared signature");
        bool indirect = d.Opcode == Opcode.CallIndirect;
        var args = (indirect ? d.Args.AsSpan(1) : d.Args.AsSpan()).ToArray();
        if (args.Length != sig.Params.Count) throw IsaDiagnostics.Malformed($"{inst} passes {args.Length} arguments for {sig.Params.Count} parameters");
        var layout = S390xAbi.Layout(sig, _flags, out int[] copies);
        _makesCalls = true;
        _outgoingArgBytes = Math.Max(_outgoingArgBytes, layout.StackArgBytes);
        _returnAreaBytes = Math.Max(_returnAreaBytes, layout.ReturnAreaBytes);

        // Stack arguments first: computing them may need registers the register arguments then pin.
        var argParts = StoreMemoryParts(layout.Params, i => [copies[i] >= 0 ? CopyForCall(args[i], copies[i]) : ExtendedFor(args[i], sig.Params[i])],
            (part, i, loc) => StoreSlot(part, TypeOf(args[i]), Frame(MemArea.OutgoingArg, loc.StackOffset)));
        Reg? callee = indirect ? Get(d.Args[0]) : null;
        var argRegs = new List<Reg>();
        if (layout.HasReturnArea)
        {
            Emit(I("la", Def(S390xAbi.ReturnAreaPointer), Frame(MemArea.ReturnArea, 0)));
            argRegs.Add(S390xAbi.ReturnAreaPointer);
        }
        MoveRegisterParts(layout.Params, argParts, argRegs);
        var results = Dfg.InstResults(inst);
        if (results.Count != layout.Returns.Length) throw IsaDiagnostics.Malformed($"{inst} has {results.Count} results for {layout.Returns.Length} returns");
        var retRegs = layout.Returns.SelectMany(l => l).Where(l => !l.OnStack).Select(l => l.Reg).ToArray();
        Emit(callee is { } c ? CallInd(c, [.. argRegs], retRegs) : Call(ExtFunc(d.FuncRef).Name, [.. argRegs], retRegs));
        for (int i = 0; i < results.Count; i++)
        {
            var type = TypeOf(results[i]);
            ReceiveParts(Parts(results[i]), layout.Returns[i], (part, loc) => LoadSlot(part, type, Frame(MemArea.ReturnArea, loc.StackOffset)));
        }
    }
}
