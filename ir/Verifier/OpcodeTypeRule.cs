namespace Stencil.Ir.Verification;

/// <summary>
/// The type constraints of one opcode: which controlling types it accepts, what each value operand must
/// be, one optional relation, and the range of its immediate. <see cref="Operands"/> is null for
/// variadic opcodes (calls, returns) whose operands are checked against a signature instead.
/// <see cref="Ctrl"/> is <see cref="TypeClass.None"/> for opcodes without a controlling type.
/// </summary>
internal sealed record OpcodeTypeRule(
    TypeClass Ctrl,
    OperandRule[]? Operands,
    TypeRelation Relation = TypeRelation.None,
    int MemoryBits = 0,
    IrType Exact = default,
    ImmediateRule Immediate = ImmediateRule.None);
