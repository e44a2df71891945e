using Stencil.Ir.Names;

namespace Stencil.Isa.CodeGen;

/// <summary>A relocation in a function's code: patch the bytes at <see cref="Offset"/> as
/// <see cref="Kind"/> says, with the address of <see cref="Target"/> plus <see cref="Addend"/>.</summary>
public readonly record struct MachReloc(uint Offset, Reloc Kind, ExternalName Target, long Addend);
