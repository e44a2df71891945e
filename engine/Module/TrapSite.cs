using Stencil.Ir;

namespace Stencil.Engine.Module;

/// <summary>An instruction at <paramref name="Offset"/> bytes into a function that traps with <paramref name="Code"/>.</summary>
public readonly record struct TrapSite(uint Offset, TrapCode Code);
