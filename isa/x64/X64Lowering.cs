using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// x86-64's lowering rules on <see cref="MachLowering{TInst}"/> (which walks the blocks, numbers values and places
/// block arguments on edges). Narrow integers (i8, i16, i32) live in 64-bit registers whose upper bits are
/// unspecified; operations that read those bits (compares, division, right shifts, extensions) extend or use a sized
/// form first.
/// </summary>
internal sealed partial class X64Lowering : MachLowering<MInst>
{
    private const string IsaName = SysVAbi.IsaName;

    // The rules of the partial files read the function through these names.
    private readonly FunctionStencil _func;
    private readonly DataFlowGraph _dfg;
    private readonly VCode<MInst> _code;
    private readonly bool[] _lowered;
    private readonly int[] _instPosition;
    private readonly int[] _instBlock;
    private readonly Dictionary<Inst, Inst> _loadFolds;
    private readonly HashSet<Inst> _foldedLoads;
    private readonly Dictionary<Inst, Inst> _loadOpStores;
    private readonly IsaFlags _flags;
    private readonly AbiLayout _abi;
    private Reg? _returnAreaPointer;
    private int _outgoingArgBytes;
    private int _returnAreaBytes;

    private X64Lowering(FunctionStencil func, IsaFlags flags) : base(func)
    {
        _func = Function;
        _dfg = Dfg;
        _code = VCode;
        _flags = flags;
        _abi = SysVAbi.Layout(func.Signature, flags);
        (_instPosition, _instBlock) = NumberInsts();
        _loadFolds = FindFoldableLoads();
        _loadOpStores = FindLoadOpStores();
        _loadFolds = KeepIntegerFolds(_loadFolds, _loadOpStores);
        _foldedLoads = [.. _loadFolds.Values];
        _lowered = FindLoweredInsts();
    }

    public static LoweredFunction<MInst> Lower(FunctionStencil func, IsaFlags flags)
    {
        var l = new X64Lowering(func, flags);
        l.Run();
        l.CheckSkippedUnread();
        return new LoweredFunction<MInst>(l._code, l._outgoingArgBytes, l._returnAreaBytes);
    }

    protected override void LowerEntry(Block entry)
    {
        _returnAreaPointer = LowerParams(entry, _abi);
        if (_func.StackLimit is { } limit) LowerStackCheck(limit);
    }

    protected override MInst Move(Reg dst, Reg src) => MInst.Mov(dst, src);

    protected override MInst LoadIncomingArg(Reg dst, int stackOffset) => MInst.Load(dst, null, Amode.Incoming(stackOffset), 8, false);

    protected override void LowerJump(int target) => Jump(target);

    protected override RegClass ClassOf(IrType type, string where) => SysVAbi.ClassOf(type, where);

    /// <summary>Traps with stk_ovf when the stack pointer, with the frame allocated, is below the limit global value.</summary>
    private void LowerStackCheck(GlobalValue limit)
    {
        var value = GlobalValueReg(limit, 0);
        Emit(MInst.Cmp(X64Regs.Rsp, value, 8));
        Emit(MInst.TrapIf(CondCode.B, TrapCode.StackOverflow));
    }

    private void Jump(int target)
    {
        Emit(MInst.Jmp(target));
        AddSuccessor(target);
    }

    private void Branch(CondCode cc, int taken, int notTaken)
    {
        Emit(MInst.Jcc(cc, taken, notTaken));
        AddSuccessor(taken);
        if (notTaken != taken) AddSuccessor(notTaken);
    }

    /// <summary>The comparison defining <paramref name="cond"/>, when it is an icmp whose operands can be re-read where
    /// the condition is used.</summary>
    private Inst? DefiningCompare(Value cond) =>
        ConditionSource(cond) is { } inst && _dfg[inst].Opcode is Opcode.Icmp or Opcode.IcmpImm ? inst : null;

    /// <summary>The instruction defining condition <paramref name="cond"/>, seen through extensions of a compare's 0 or 1:
    /// they are non-zero exactly when it is (wasm's <c>br_if</c> tests an icmp widened to i32).</summary>
    private Inst? ConditionSource(Value cond)
    {
        for (int depth = 0; depth < 4; depth++)
        {
            var def = _dfg.ValueDef(_dfg.ResolveAliases(cond));
            if (def.Kind != ValueDefKind.Result) return null;
            if (_dfg[def.Inst].Opcode is not (Opcode.Uextend or Opcode.Sextend)) return def.Inst;
            cond = _dfg[def.Inst].Args[0];
        }
        return null;
    }

    /// <summary>Sets the flags for condition value <paramref name="cond"/> and returns the x86 condition
    /// that holds when it is non-zero (true).</summary>
    private CondCode LowerCondition(Value cond)
    {
        if (DefiningCompare(cond) is { } cmp) return EmitIntCompare(cmp);
        if (TypeOf(cond) == IrType.I128)
        {
            var (lo, hi) = Pair(cond);
            var any = Temp();
            Emit(MInst.Mov(any, lo));
            Emit(MInst.AluRR(AluOp.Or, any, hi, 8));
            return CondCode.NE;
        }
        var r = Get(cond);
        Emit(MInst.Test(r, r, SizeOf(TypeOf(cond))));
        return CondCode.NE;
    }

    private static int SizeOf(IrType t) => t.Bytes;
    /// <summary>The operation width used for integer arithmetic on <paramref name="t"/>: 32-bit forms for narrow types.</summary>
    private static int OpSize(IrType t) => t.Bytes <= 4 ? 4 : 8;

    private Exception Unsupported(Inst inst) => IsaDiagnostics.Opcode(IsaName, _dfg[inst].Opcode, _dfg.ControllingType(inst));
}
