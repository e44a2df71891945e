namespace Stencil.Engine.Module;

/// <summary>What a module knows about one data object: its linkage so far, whether it may be written
/// at run time, and whether bytes were given for it.</summary>
public sealed record DataDeclaration(string Name, Linkage Linkage, bool Writable, bool IsDefined);
