using Stencil.Ir;

namespace Stencil.Isa.CodeGen;

/// <summary>The instruction at <see cref="Offset"/> traps (faults) with reason <see cref="Code"/>.</summary>
public readonly record struct MachTrap(uint Offset, TrapCode Code);
