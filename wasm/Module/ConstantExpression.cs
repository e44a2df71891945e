using Stencil.Wasm.Instructions;

namespace Stencil.Wasm.Module;

/// <summary>An initializer (global, segment offset, element item): its instructions, the final <c>end</c> included.</summary>
public sealed record ConstantExpression(Instruction[] Instructions, int Offset);
