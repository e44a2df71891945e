using Stencil.Wasm.Module;

namespace Stencil.Wasm.Validation;

/// <summary>One entry of the validator's control stack (the spec appendix's <c>ctrl_frame</c>).</summary>
internal sealed class ControlFrame(ushort opcode, ValType[] startTypes, ValType[] endTypes, int height)
{
    public ushort Opcode { get; set; } = opcode;
    public ValType[] StartTypes { get; } = startTypes;
    public ValType[] EndTypes { get; } = endTypes;
    public int Height { get; } = height;
    public bool Unreachable { get; set; }

    /// <summary>A branch to a loop goes to its start, so it carries the loop's parameters.</summary>
    public ValType[] LabelTypes => Opcode == Instructions.Opcodes.Loop ? StartTypes : EndTypes;
}
