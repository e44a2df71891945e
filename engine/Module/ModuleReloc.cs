using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Module;

/// <summary>A relocation at <paramref name="Offset"/> bytes into a function's code or a data object.</summary>
public readonly record struct ModuleReloc(uint Offset, Reloc Kind, ModuleRelocTarget Target, long Addend);
