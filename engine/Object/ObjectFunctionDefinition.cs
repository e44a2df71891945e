using Stencil.Engine.Module;

namespace Stencil.Engine.Object;

/// <summary>A function's code as handed to <see cref="ObjectModule"/>, copied so later caller changes cannot leak in.</summary>
internal sealed record ObjectFunctionDefinition(FuncId Id, byte[] Code, int Alignment, ModuleReloc[] Relocs, TrapSite[] Traps);
