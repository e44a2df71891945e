using Stencil.Ir;

namespace Stencil.Engine.Compilation;

/// <summary>One function to compile, with where it came from for diagnostics and cache metadata.</summary>
public sealed record ModuleFunction(Function Function, string? File = null, int Line = 0, int Column = 0)
{
    public string DisplayName => Function.Name.SymbolName;
}
