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

/// <summary>One IR function of a translated module, with its symbol (also its name) and what it stands for.</summary>
public sealed record TranslatedFunction(TranslatedKind Kind, uint Index, Function Function)
{
    public string Symbol => Function.Name.SymbolName;
}
