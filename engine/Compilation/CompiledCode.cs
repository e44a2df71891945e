using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Compilation;

/// <summary>Final machine code of one function: a stencil's code with its parameters applied.</summary>
public sealed record CompiledCode(
    string SymbolName,
    byte[] Code,
    IReadOnlyList<FinalReloc> Relocs,
    IReadOnlyList<MachTrap> Traps,
    IReadOnlyList<FinalSrcLoc> SrcLocs,
    uint FrameSize,
    int Alignment);
