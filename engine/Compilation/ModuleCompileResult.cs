using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;

namespace Stencil.Engine.Compilation;

/// <summary>Code per input function (null where it failed, with a diagnostic saying why) and the keys used.</summary>
public sealed record ModuleCompileResult(CompiledCodeStencil?[] Code, CacheKey[] Keys, ModuleCompileStats Stats, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>
    /// Set when a remembered function did not match the build manifest it came from (the first such function in
    /// definition order says where and why). The code is then incomplete and the manifest is not to be trusted: the
    /// caller builds again from the sources themselves.
    /// </summary>
    public StaleManifestException? StaleManifest { get; init; }
}
