using System.Collections.Concurrent;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;

namespace Stencil.Engine.Building;

/// <summary>
/// One build's parsed chunks by digest (<see cref="ChunkHasher"/>), shared by the files loaded in parallel: the first
/// chunk with a digest is parsed, verified and keyed, and every textual copy (the same text under another name, in
/// any file) takes that result instead of doing it all again. A chunk that does not read or verify cleanly is
/// remembered as such (null), so that its copies do not try either: their files are read whole, which is what
/// reports the problem.
/// </summary>
internal sealed class ChunkMemo(KeyContext keyContext)
{
    private readonly ConcurrentDictionary<CacheKey, Lazy<ParsedChunk?>> _chunks = new();
    private int _parsed;

    /// <summary>How many chunks were actually parsed: one per distinct digest asked for.</summary>
    public int Parsed => Volatile.Read(ref _parsed);

    /// <summary>The function of <paramref name="chunk"/>, parsed by whichever caller asked first for its digest; null when it
    /// does not parse or verify. Its parameters are those of the chunk that was parsed, which may have another name.</summary>
    public ParsedChunk? Get(CacheKey digest, string text, ClifChunk chunk, string path) =>
        _chunks.GetOrAdd(digest, static (_, a) => new Lazy<ParsedChunk?>(() => a.Memo.Parse(a.Text, a.Chunk, a.Path),
            LazyThreadSafetyMode.ExecutionAndPublication), (Memo: this, Text: text, Chunk: chunk, Path: path)).Value;

    private ParsedChunk? Parse(string text, ClifChunk chunk, string path)
    {
        Interlocked.Increment(ref _parsed);
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
        return new ParsedChunk(read.Function, StencilEncoder.ComputeKey(read.Function.Stencil, keyContext), path, chunk.Start);
    }
}
