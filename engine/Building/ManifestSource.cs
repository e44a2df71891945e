using Stencil.Ir.Keys;

namespace Stencil.Engine.Building;

/// <summary>What a build remembers about one source file: its path, the SHA-256 of its bytes, and its functions in order.</summary>
public sealed record ManifestSource(string Path, CacheKey Digest, IReadOnlyList<ManifestFunction> Functions)
{
    /// <summary>The file's stat when it was read, if it had settled by then: while it is unchanged the file needs no reading.</summary>
    public SourceStat? Stat { get; init; }
}
