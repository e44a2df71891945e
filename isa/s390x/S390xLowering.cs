using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

/// <summary>
/// s390x's lowering rules on <see cref="MachLowering{TInst}"/>. Narrow integers (i8, i16, i32) live in 64-bit
/// registers with unspecified upper bits, as on x64: arithmetic works on all 64 bits, and what reads the upper bits
/// (compares, division, right shifts, extensions) extends first. Conditions are condition-code masks (8 equal,
/// 4 low, 2 high, 1 unordered or carry), branched on with <c>brc</c> and selected with load-on-condition.
/// </summary>
internal sealed partial class S390xLowering : MachLowering<S390xMInst>
{
    private const string IsaName = S390xAbi.IsaName;

    private readonly IsaFlags _flags;
    private readonly S390xFeatures _features;
    private readonly AbiLayout _abi;
    private Reg? _returnAreaPointer;
    private int _outgoingArgBytes;
    private int _returnAreaBytes;
    private bool _makesCalls;

    private S390xLowering(FunctionStencil func, IsaFlags flags, S390xFeatures features) : base(func)
    {
        _flags = flags;
        _features = features;
        _abi = S390xAbi.Layout(func.Signature, flags);
    }

    public static (LoweredFunction<S390xMInst> Code, bool MakesCalls) Lower(FunctionStencil func, IsaFlags flags, S390xFeatures features)
    {
        var l = new S390xLowering(func, flags, features);
        l.Run();
        return (new LoweredFunction<S390xMInst>(l.VCode, l._outgoingArgBytes, l._returnAreaBytes), l._makesCalls);
    }

    protected override void LowerEntry(Block entry)
    {
        var ps = Dfg.BlockParams(entry);
        var sig = Function.Signature;
        if (ps.Count != sig.Params.Count)
            throw IsaDiagnostics.Malformed($"the entry block has {ps.Count} parameters but the signature {sig.Params.Count}");
        if (_abi.HasReturnArea)
        {
            _returnAreaPointer = Temp();
            Emit(S390xMInst.Move(_returnAreaPointer.Value, _abi.ReturnAreaPointer));
        }
        // An i128 comes by reference: its pointer is received like an integer, its halves loaded once every
        // register parameter has left its register.
        var byReference = new List<(Value Param, Reg Pointer)>();
        for (int i = 0; i < ps.Count; i++)
        {
            var type = TypeOf(ps[i]);
            if (type != sig.Params[i].Type) throw IsaDiagnostics.Malformed($"entry parameter {ps[i]} does not match the signature");
            Reg[] parts = type == IrType.I128 ? [Temp()] : Parts(ps[i]);
            if (type == IrType.I128) byReference.Add((ps[i], parts[0]));
            ReceiveParts(parts, _abi.Params[i], (part, loc) => LoadSlot(part, type, Frame(MemArea.IncomingArg, loc.StackOffset)));
        }
        foreach (var (param, pointer) in byReference)
        {
            var (lo, hi) = Pair(param);
            Emit(I("lg", Def(hi), Mem(pointer, 0)));
            Emit(I("lg", Def(lo), Mem(pointer, 8)));
        }
        if (Function.StackLimit is { } limit) LowerStackCheck(limit);
    }

    /// <summary>Traps with stk_ovf when r15, the frame allocated, is at or below the <c>stack_limit</c> global value
    /// (Cranelift's condition on s390x, which it tests before allocating: limit + frame size against the old r15).</summary>
    private void LowerStackCheck(GlobalValue limit)
    {
        Emit(I("clgr", Use(S390xRegs.StackPointer), Use(GlobalValueReg(limit))));
        Emit(TrapIf(12, TrapCode.StackOverflow));
    }

    protected override S390xMInst Move(Reg dst, Reg src) => S390xMInst.Move(dst, src);

    protected override S390xMInst LoadIncomingArg(Reg dst, int stackOffset) => LoadSlot(dst, IrType.I64, Frame(MemArea.IncomingArg, stackOffset));

    protected override void LowerJump(int target)
    {
        Emit(Jump(target));
        AddSuccessor(target);
    }

    protected override RegClass ClassOf(IrType type, string where) => S390xAbi.ClassOf(type, where);

    /// <summary>An 8-byte argument or result slot: integers whole, f64 whole, f32 right-aligned in its slot as the
    /// ABI places a narrower value.</summary>
    private static S390xMInst LoadSlot(Reg dst, IrType type, MOperand slot) =>
        dst.Class == RegClass.Int ? I("lg", Def(dst), slot)
        : type == IrType.F32 ? I("le", Def(dst), slot with { Value = slot.Value + 4 }) : I("ld", Def(dst), slot);

    private static S390xMInst StoreSlot(Reg src, IrType type, MOperand slot) =>
        src.Class == RegClass.Int ? I("stg", Use(src), slot)
        : type == IrType.F32 ? I("ste", Use(src), slot with { Value = slot.Value + 4 }) : I("std", Use(src), slot);

    private void Branch(int mask, int taken, int notTaken)
    {
        Emit(CondJump(mask, taken, notTaken));
        AddSuccessor(taken);
        if (notTaken != taken && notTaken >= 0) AddSuccessor(notTaken);
    }

    private Reg Result(Inst inst)
    {
        if (!Dfg.HasResults(inst)) throw IsaDiagnostics.Malformed($"{inst} has no result");
        return Get(Dfg.FirstResult(inst));
    }

    private Exception Unsupported(Inst inst) => IsaDiagnostics.Opcode(IsaName, Dfg[inst].Opcode, Dfg.ControllingType(inst));
}
