namespace Stencil.Ir.Interpretation;

/// <summary>Stops interpretation of something outside the interpreter's scope (vectors, f16/f128,
/// limits); turned into <see cref="InterpreterResult.Unsupported"/>, never escapes.</summary>
internal sealed class UnsupportedException(string message) : Exception(message);
