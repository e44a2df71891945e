using Stencil.Ir;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;

namespace Stencil.Engine.Building;

/// <summary>
/// A function read from its chunk, verified and keyed: what every chunk with the same digest in a build shares.
/// <see cref="Path"/> and <see cref="Start"/> say which chunk was read, to tell the original from its copies.
/// </summary>
internal sealed record ParsedChunk(Function Function, CacheKey Key, string Path, int Start)
{
    public bool IsFrom(string path, ClifChunk chunk) => Start == chunk.Start && string.Equals(Path, path, StringComparison.Ordinal);
}
