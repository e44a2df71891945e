using Stencil.Wasm.Module;

namespace Stencil.Wasm.Instructions;

/// <summary>
/// One row of the opcode table. <see cref="Params"/>/<see cref="Results"/> are the operand types when they are fixed
/// (null when the validator works them out, as for calls, locals and control); <see cref="AccessBytes"/> is the
/// natural size of a memory access (the largest alignment allowed).
/// </summary>
public sealed record OpcodeInfo(ushort Code, string Name, ImmediateKind Immediate, ValType[]? Params, ValType[]? Results, int AccessBytes = 0)
{
    public bool HasFixedSignature => Params is not null;
}
