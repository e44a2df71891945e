namespace Stencil.Engine.Module;

/// <summary>A data object's initial bytes as handed to a module.</summary>
public sealed record DefinedData(DataId Id, byte[] Bytes, int Alignment, ModuleReloc[] Relocs);
