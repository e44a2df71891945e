using Stencil.Engine.Module;

namespace Stencil.Engine.Object;

/// <summary>Where a defined data object ended up: its section (<c>.data</c>, <c>.rodata</c> or
/// <c>.data.rel.ro</c> for read-only data that needs relocating) and offset in it.</summary>
public sealed record ObjectDataInfo(DataId Id, string Name, string Section, ulong Offset, int Size);
