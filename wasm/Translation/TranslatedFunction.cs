using Stencil.Ir;

namespace Stencil.Wasm.Translation;

/// <summary>What an IR function of a translated module is.</summary>
public enum TranslatedKind : byte
{
    /// <summary>A defined wasm function; <see cref="TranslatedFunction.Index"/> is its function index.</summary>
    Function,
    /// <summary>An array-call trampoline; the index is a type index.</summary>
    ArrayTrampoline,
    /// <summary>A host import's trampoline; the index is the imported function's index.</summary>
    HostTrampoline,
}

/// <summary>
/// One IR function of a translated module, with its symbol (also its name) and what it stands for. Its IR is either
/// at hand or translated on first use (<see cref="ModuleTranslator.Translate(Module.WasmModule, string, int, Predicate{int})"/>
/// defers the functions a build already knows the code of).
/// </summary>
public sealed class TranslatedFunction
{
    private readonly Lazy<Function> _function;

    public TranslatedFunction(TranslatedKind kind, uint index, Function function)
    {
        ArgumentNullException.ThrowIfNull(function);
        (Kind, Index, Symbol) = (kind, index, function.Name.SymbolName);
        _function = new Lazy<Function>(function);
    }

    /// <param name="translate">Gives the function named <paramref name="symbol"/>; run at most once, on first use.</param>
    public TranslatedFunction(TranslatedKind kind, uint index, string symbol, Func<Function> translate)
    {
        (Kind, Index, Symbol) = (kind, index, symbol);
        _function = new Lazy<Function>(translate, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TranslatedKind Kind { get; }
    public uint Index { get; }
    public string Symbol { get; }

    /// <summary>The IR, translated now if it was deferred.</summary>
    /// <exception cref="WasmTranslationException">A translator bug, naming the function.</exception>
    public Function Function => _function.Value;

    public bool IsTranslated => _function.IsValueCreated;
}
