using Stencil.Ir;

namespace Stencil.Engine.Compilation;

/// <summary>The code range [Start, End) came from source location <see cref="Loc"/> (absolute).</summary>
public readonly record struct FinalSrcLoc(uint Start, uint End, SourceLoc Loc);
