using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;

namespace Stencil.Engine.Compilation;

/// <summary>Code per input function (null where it failed, with a diagnostic saying why) and the keys used.</summary>
public sealed record ModuleCompileResult(CompiledCodeStencil?[] Code, CacheKey[] Keys, ModuleCompileStats Stats, IReadOnlyList<Diagnostic> Diagnostics);
