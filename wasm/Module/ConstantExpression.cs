using Stencil.Wasm.Binary;
using Stencil.Wasm.Instructions;

namespace Stencil.Wasm.Module;

/// <summary>An initializer (global, segment offset, element item), read on demand from its checked bytes.</summary>
public sealed class ConstantExpression(CodeRange range)
{
    public int Offset => range.Start;

    /// <summary>The instructions, the final <c>end</c> included.</summary>
    public IEnumerable<Instruction> Instructions() => InstructionDecoder.Enumerate(range.Reader());
}
