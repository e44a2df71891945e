namespace Stencil.Engine.Module;

/// <summary>What a module knows about one function name: its linkage so far and whether code was given for it.</summary>
public sealed record FunctionDeclaration(string Name, Linkage Linkage, bool IsDefined);
