namespace Stencil.Ir.Optimization;

/// <summary>One algebraic rewrite: on <see cref="Opcode"/>, when <see cref="When"/> holds, do <see cref="Then"/>.
/// Unless <see cref="AnyType"/>, the rule applies only to integers of at most 64 bits.</summary>
internal sealed record SimplifyRule(string Name, Opcode Opcode, Func<RuleMatch, bool> When, RuleAction Then, bool AnyType = false);
