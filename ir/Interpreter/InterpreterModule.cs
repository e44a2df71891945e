namespace Stencil.Ir.Interpretation;

/// <summary>The functions a call can reach, by symbol name (a test case's name or a user symbol).</summary>
public sealed class InterpreterModule
{
    private readonly Dictionary<string, Function> _functions = new(StringComparer.Ordinal);

    /// <summary>Adds a function under its symbol name; a later function of the same name replaces it.</summary>
    public void Add(Function f)
    {
        ArgumentNullException.ThrowIfNull(f);
        _functions[f.Name.SymbolName] = f;
    }

    public bool TryGet(string symbol, out Function f) => _functions.TryGetValue(symbol, out f!);
}
