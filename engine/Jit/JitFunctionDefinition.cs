using Stencil.Engine.Module;

namespace Stencil.Engine.Jit;

/// <summary>A function's code as given to the JIT module, before it is placed in executable memory.</summary>
internal sealed record JitFunctionDefinition(FuncId Id, byte[] Code, int Alignment, ModuleReloc[] Relocs, TrapSite[] Traps);
