namespace Stencil.Ir.Interpretation;

/// <summary>What one interpreted call produced: its return values, or the trap it raised, or why it
/// could not be interpreted (an unsupported type or opcode, a step limit, an internal failure).</summary>
public sealed record InterpreterResult(IReadOnlyList<DataValue> Returns, TrapCode? Trap, string? Unsupported)
{
    public bool Completed => Trap is null && Unsupported is null;
}
