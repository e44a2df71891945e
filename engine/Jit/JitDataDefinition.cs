using Stencil.Engine.Module;

namespace Stencil.Engine.Jit;

/// <summary>A data object's initial bytes as given to the JIT module.</summary>
internal sealed record JitDataDefinition(DataId Id, byte[] Bytes, int Alignment, ModuleReloc[] Relocs);
