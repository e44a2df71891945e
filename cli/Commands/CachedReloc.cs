namespace Stencil.Cli.Commands;

/// <summary>A relocation of a cached stencil; the target is still the stencil's own reference.</summary>
public sealed record CachedReloc(uint Offset, string Kind, string Target, long Addend);
