using Stencil.Engine.Compilation;

namespace Stencil.Engine.Building;

/// <summary>A function read from a source file, in source order.</summary>
public sealed record SourceFunction(ModuleFunction Module, int FileIndex, int IndexInFile);
