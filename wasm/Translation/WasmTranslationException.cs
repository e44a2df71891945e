namespace Stencil.Wasm.Translation;

/// <summary>The translator failed on a validated module: a bug of ours, reported as an internal error naming the function.</summary>
public sealed class WasmTranslationException(TranslatedKind kind, uint index, string file, Exception inner)
    : Exception($"translating {Describe(kind, index)} of {file} failed: {inner.GetType().Name}: {inner.Message}", inner)
{
    public TranslatedKind Kind { get; } = kind;
    public uint Index { get; } = index;
    public string File { get; } = file;

    private static string Describe(TranslatedKind kind, uint index) => kind switch
    {
        TranslatedKind.Function => $"function {index}",
        TranslatedKind.ArrayTrampoline => $"the array trampoline of type {index}",
        _ => $"the host trampoline of import {index}",
    };
}
