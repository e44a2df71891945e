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
/// at hand or deferred: translated afresh on every use and held by no one here
/// (<see cref="ModuleTranslator.Translate(Module.WasmModule, string, int, Predicate{int})"/> defers what a build may
/// never need, or needs one function at a time).
/// </summary>
public sealed class TranslatedFunction
{
    private readonly Function? _function;
    private readonly Func<Function>? _translate;

    public TranslatedFunction(TranslatedKind kind, uint index, Function function)
    {
        _function = function ?? throw new ArgumentNullException(nameof(function));
        (Kind, Index, Symbol) = (kind, index, function.Name.SymbolName);
    }

    /// <param name="translate">Gives the function named <paramref name="symbol"/>, a new one on every call.</param>
    public TranslatedFunction(TranslatedKind kind, uint index, string symbol, Func<Function> translate)
    {
        _translate = translate ?? throw new ArgumentNullException(nameof(translate));
        (Kind, Index, Symbol) = (kind, index, symbol);
    }

    public TranslatedKind Kind { get; }
    public uint Index { get; }
    public string Symbol { get; }

    /// <summary>The IR; a deferred function is translated now, again on each use.</summary>
    /// <exception cref="WasmTranslationException">A translator bug, naming the function.</exception>
    public Function Function => _function ?? _translate!();

    public bool IsDeferred => _function is null;
}
