using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Compilation;

public readonly record struct FinalReloc(uint Offset, Reloc Kind, FinalRelocTarget Target, long Addend);
