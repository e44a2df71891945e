using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>What a rewrite rule sees of one instruction: its data, controlling type, and which operands
/// are constants (zero-extended to their type's width). <see cref="Inner"/> is the instruction defining the
/// first operand, for rules that look one step up (reassociation, double negation).</summary>
internal readonly struct RuleMatch
{
    public RuleMatch(DataFlowGraph dfg, Inst inst)
    {
        Dfg = dfg;
        Inst = inst;
        Data = dfg[inst];
        Type = dfg.ControllingType(inst);
        Bits = Type.IsInvalid ? 0 : Type.Bits;
        Lhs = Data.Args.Length > 0 && IntConstants.TryGet(dfg, Data.Args[0], out var l) ? l : null;
        Rhs = Data.Args.Length > 1 && IntConstants.TryGet(dfg, Data.Args[1], out var r) ? r : null;
        var def = Data.Args.Length > 0 ? dfg.ValueDef(dfg.ResolveAliases(Data.Args[0])) : default;
        Inner = Data.Args.Length > 0 && def.Kind == ValueDefKind.Result ? dfg[def.Inst] : null;
    }

    public DataFlowGraph Dfg { get; }
    public Inst Inst { get; }
    public InstructionData Data { get; }
    public IrType Type { get; }
    public int Bits { get; }
    public ulong? Lhs { get; }
    public ulong? Rhs { get; }
    public InstructionData? Inner { get; }

    public Value Arg(int i) => Data.Args[i];
    /// <summary>The immediate reduced to the controlling type's width, zero-extended.</summary>
    public ulong ImmBits => IntConstants.Mask((ulong)Data.Imm, Bits);
    public ulong AllOnes => IntConstants.Mask(ulong.MaxValue, Bits);
    public long RhsSigned => IntConstants.SignExtend(Rhs ?? 0, Bits);
    public bool SameArgs => Data.Args.Length == 2 && Data.Args[0] == Data.Args[1];
    public bool InnerIs(Opcode op) => Inner is { } i && i.Opcode == op;
    public IrType ArgType(int i) => Dfg.ValueType(Data.Args[i]);
}
