using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>What a matching rule does to its instruction.</summary>
internal abstract record RuleAction
{
    /// <summary>The result equals an operand (or a value the function picks); the instruction goes away.</summary>
    public sealed record UseValue(Func<RuleMatch, Value> Pick) : RuleAction;

    /// <summary>The result is a constant: the instruction becomes an <c>iconst</c>.</summary>
    public sealed record Constant(Func<RuleMatch, ulong> Value) : RuleAction;

    /// <summary>The instruction becomes another opcode over the given operands and immediate.</summary>
    public sealed record Become(Opcode Opcode, Func<RuleMatch, Value[]> Args, Func<RuleMatch, long> Imm) : RuleAction;

    /// <summary>The instruction becomes a copy of the integer comparison <paramref name="Source"/> picks, with its
    /// condition inverted when <paramref name="Invert"/> (a comparison of a comparison's 0/1 result with zero).</summary>
    public sealed record CopyCompare(Func<RuleMatch, InstructionData> Source, bool Invert) : RuleAction;

    /// <summary>The instruction does nothing (a conditional trap whose condition is known not to trap).</summary>
    public sealed record Remove : RuleAction;

    /// <summary>A load or store whose address is <c>iadd_imm p, k</c> addresses <c>p</c> with the offset grown by k.</summary>
    public sealed record FoldAddress(int AddressArg) : RuleAction;
}
