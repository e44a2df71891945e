using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>A destination of a <c>try_call</c>: a block and its arguments, which may name the call's results.</summary>
public sealed record ExceptionBlockCall(Block Block, BlockArg[] Args)
{
    public override string ToString() => Args.Length > 0 ? $"{Block}({string.Join(", ", Args)})" : Block.ToString();
}
