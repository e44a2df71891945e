namespace Stencil.Cli.Commands;

/// <summary>A trap site of a cached stencil.</summary>
public sealed record CachedTrap(uint Offset, string Code);
