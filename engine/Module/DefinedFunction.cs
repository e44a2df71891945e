namespace Stencil.Engine.Module;

/// <summary>A function's code as handed to a module, copied so later changes by the caller cannot leak in.</summary>
public sealed record DefinedFunction(FuncId Id, byte[] Code, int Alignment, ModuleReloc[] Relocs, TrapSite[] Traps);
