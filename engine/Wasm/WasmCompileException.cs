using Stencil.Ir.Diagnostics;

namespace Stencil.Engine.Wasm;

/// <summary>A wasm module that did not compile; <see cref="Diagnostics"/> says why.</summary>
public sealed class WasmCompileException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error)?.Message ?? "the module did not compile")
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
