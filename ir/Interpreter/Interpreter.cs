namespace Stencil.Ir.Interpretation;

/// <summary>
/// Evaluates CLIF functions directly, as the reference that compiled code is checked against.
/// Scalar integer (i8–i128) and f32/f64 semantics are complete; vectors, f16 and f128 report
/// <see cref="InterpreterResult.Unsupported"/>. It never throws for a verified function.
/// </summary>
public static class Interpreter
{
    public static InterpreterResult Call(InterpreterModule module, Function function, IReadOnlyList<DataValue> args, InterpreterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            var machine = new Machine(module, options ?? new InterpreterOptions());
            var returns = machine.Invoke(function, [.. args], 0);
            var types = function.Signature.Returns.Select(p => p.Type).ToArray();
            return new InterpreterResult(Machine.Normalize(types, returns, $"{function.Name} result"), null, null);
        }
        catch (TrapException trap)
        {
            return new InterpreterResult([], trap.Code, null);
        }
        catch (UnsupportedException unsupported)
        {
            return new InterpreterResult([], null, unsupported.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Malformed IR that slipped past verification ends up here; report it instead of crashing the caller.
            return new InterpreterResult([], null, $"internal error: {e.GetType().Name}: {e.Message}");
        }
    }
}
