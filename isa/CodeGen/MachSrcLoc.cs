using Stencil.Ir;

namespace Stencil.Isa.CodeGen;

/// <summary>The code bytes [<see cref="Start"/>, <see cref="End"/>) came from source location <see cref="Loc"/>.</summary>
public readonly record struct MachSrcLoc(uint Start, uint End, RelSourceLoc Loc);
