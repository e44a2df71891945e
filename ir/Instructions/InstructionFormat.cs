namespace Stencil.Ir;

/// <summary>How an instruction's operands are laid out in text and in <see cref="InstructionData"/>.</summary>
public enum InstructionFormat : byte
{
    Nullary, Unary, UnaryImm, UnaryIeee16, UnaryIeee32, UnaryIeee64, UnaryConst, UnaryGlobalValue,
    Binary, BinaryImm8, BinaryImm64, Ternary, TernaryImm8, Shuffle, IntCompare, IntCompareImm, FloatCompare,
    IntAddTrap, Jump, Brif, BranchTable, Call, CallIndirect, FuncAddr, Load, Store, LoadNoOffset, StoreNoOffset,
    StackLoad, StackStore, Trap, CondTrap, MultiAry, AtomicRmw, AtomicCas, TryCall, TryCallIndirect,
}
