namespace Stencil.Engine.Building;

/// <summary>
/// How much of its sources a load did not have to parse: files the build manifest remembers byte for byte, and in
/// the other files, functions the manifest knows by their text (<see cref="ChunksRemembered"/>) or that are textual
/// copies of a function parsed in this load (<see cref="ChunksShared"/>). <see cref="ChunksParsed"/> counts the
/// functions that were read one by one.
/// </summary>
public readonly record struct SourceLoadCounts(int FilesRemembered, int ChunksParsed, int ChunksRemembered, int ChunksShared);
