namespace Stencil.Ir.Interpretation;

/// <summary>Unwinds the interpreted call stack when an instruction traps; never escapes <see cref="Interpreter.Call"/>.</summary>
internal sealed class TrapException(TrapCode code) : Exception($"trap {code}")
{
    public TrapCode Code { get; } = code;
}
