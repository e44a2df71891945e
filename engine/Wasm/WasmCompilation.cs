using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Wasm.Translation;

namespace Stencil.Engine.Wasm;

/// <summary>A translated module's finalized code, one entry per <see cref="TranslatedModule.Functions"/> entry (empty
/// when anything failed), the keys, how each function got its code, and the diagnostics.</summary>
public sealed record WasmCompilation(TranslatedModule Module, IReadOnlyList<CompiledCode> Code, IReadOnlyList<CacheKey> Keys,
    ModuleCompileStats Stats, IReadOnlyList<Diagnostic> Diagnostics, long ElapsedMs)
{
    /// <summary>How many of the module's IR functions were translated: the others were remembered by translation digest
    /// and their code came from the cache.</summary>
    public int Translated { get; init; }

    /// <summary>The compile's <see cref="CompileTrace"/> when <see cref="CompileTrace.EnvironmentVariable"/> asked for one;
    /// <see cref="WasmCompiler.CompileObject"/> adds the object's stage and writes it.</summary>
    public CompileTrace? Trace { get; init; }

    public bool Succeeded => !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The usual summary line (<c>Stencil: NAME: N functions, L cached, C compiled, D deduplicated in T ms</c>).</summary>
    public string FormatSummary(string name) =>
        $"Stencil: {name}: {Stats.Functions} functions, {Stats.Cached} cached, {Stats.Compiled} compiled, {Stats.Deduplicated} deduplicated in {ElapsedMs} ms";
}
