using Stencil.Wasm.Instructions;

namespace Stencil.Wasm.Module;

/// <summary>A defined function's code: its locals (parameters excluded) and its decoded instructions.</summary>
public sealed record FunctionBody(ValType[] Locals, Instruction[] Instructions, int Offset, int Size);
