using Stencil.Ir;
using Stencil.Ir.Keys;

namespace Stencil.Engine.Building;

/// <summary>
/// What a build remembers about one function of a source file: the key of its stencil, what it finalizes with, and
/// where it starts. <see cref="ChunkDigest"/> names the function's own text (its name left out) when the build
/// hashed it, or is the default key when it did not.
/// </summary>
public sealed record ManifestFunction(CacheKey ChunkDigest, CacheKey Key, int Line, int Column, FunctionParameters Params);
