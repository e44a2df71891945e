namespace Stencil.Wasm.Instructions;

/// <summary>
/// One decoded instruction: its opcode (<see cref="Opcodes"/>: one byte, or 0xFC00 | n for the 0xFC prefix), its
/// byte offset in the file, and its immediates as <see cref="ImmediateKind"/> describes them.
/// </summary>
public readonly record struct Instruction(ushort Opcode, int Offset, long A = 0, long B = 0)
{
    /// <summary>br_table's label depths.</summary>
    public uint[]? Targets { get; init; }

    /// <summary>Typed select's result types.</summary>
    public Module.ValType[]? Types { get; init; }

    public OpcodeInfo Info => Opcodes.Get(Opcode)!;
}
