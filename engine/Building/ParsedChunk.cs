using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;

namespace Stencil.Engine.Building;

/// <summary>
/// A function read from its chunk, verified and keyed: what every chunk with the same digest in a build shares.
/// <see cref="Path"/> and <see cref="Start"/> say which chunk was read, to tell the original from its copies.
/// </summary>
internal sealed record ParsedChunk(Function Function, CacheKey Key, string Path, int Start)
{
    public bool IsFrom(string path, ClifChunk chunk) => Start == chunk.Start && string.Equals(Path, path, StringComparison.Ordinal);

    /// <summary>
    /// Parses, verifies and keys <paramref name="chunk"/>; null when it does not read or verify cleanly, which the caller
    /// answers by reading the file whole: that is what reports the problem, exactly as it always has.
    /// </summary>
    public static ParsedChunk? TryRead(string text, ClifChunk chunk, string path, KeyContext keys)
    {
        ClifFunction read;
        try
        {
            read = ClifReader.ParseChunk(text, chunk, path);
        }
        catch (DiagnosticException)
        {
            return null;
        }
        // Copies get the name the outline found; should the reader ever see another, sharing would misname them.
        if (chunk.HasSymbolName && read.Function.Name != ChunkReader.NameOf(text, chunk)) return null;
        if (Verifier.Verify(read.Function, read.PositionOf, path).Count > 0) return null;
        return new ParsedChunk(read.Function, StencilEncoder.ComputeKey(read.Function.Stencil, keys), path, chunk.Start);
    }
}
