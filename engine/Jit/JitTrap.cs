using Stencil.Ir;

namespace Stencil.Engine.Jit;

/// <summary>A trap site found at a machine address: the function it belongs to and its code.</summary>
public readonly record struct JitTrap(string Function, uint Offset, TrapCode Code);
