using Stencil.Engine.Module;

namespace Stencil.Engine.Object;

/// <summary>A data object's bytes as handed to <see cref="ObjectModule"/>.</summary>
internal sealed record ObjectDataDefinition(DataId Id, byte[] Bytes, int Alignment, ModuleReloc[] Relocs);
