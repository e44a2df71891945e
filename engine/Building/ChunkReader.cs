using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Ir.Names;
using Stencil.Ir.Text;

namespace Stencil.Engine.Building;

/// <summary>
/// Reads the source files the build manifest does not remember whole, function by function: a function whose text
/// the manifest knows by its chunk digest is not parsed at all, and of the rest each distinct text is parsed, verified
/// and keyed once, however many functions (in any file, under any name) have it. So an edit to one function of a large
/// file costs hashing the file and reading that function, and textual copies cost no more than hashing.
/// </summary>
/// <remarks>
/// Three passes, so that the work is spread over chunks rather than files and nobody waits on anybody: outline and
/// hash the files in parallel; pick every distinct digest the manifest does not know, in file order (so which chunk
/// is "the original" does not depend on scheduling); parse those in parallel; then hand out the results.
/// </remarks>
internal static class ChunkReader
{
    /// <summary>
    /// What reading the files by chunks gave: per file its functions, or null where the file must be read whole, and its
    /// header lines, or null where they did not read cleanly.
    /// </summary>
    public sealed record Outcome(IReadOnlyList<List<ModuleFunction>?> Files, IReadOnlyList<ClifPreamble?> Preambles, int Parsed, int Remembered, int Shared);

    public static Outcome ReadAll(IReadOnlyList<SourceFile> files, BuildManifest? manifest, KeyContext keys, ParallelOptions options)
    {
        var outlines = new ChunkedFile?[files.Count];
        Parallel.For(0, files.Count, options, i => outlines[i] = ChunkedFile.TryOutline(files[i], manifest));

        var pending = new Dictionary<CacheKey, int>();
        var work = new List<(ChunkedFile File, int Chunk)>();
        foreach (var outline in outlines)
        {
            if (outline is null) continue;
            for (int c = 0; c < outline.Chunks.Count; c++)
                if (outline.Remembered[c] is null && pending.TryAdd(outline.Digests[c], work.Count)) work.Add((outline, c));
        }
        var parsed = new ParsedChunk?[work.Count];
        Parallel.For(0, work.Count, options, w =>
        {
            var (file, c) = work[w];
            parsed[w] = ParsedChunk.TryRead(file.File.Text, file.Chunks[c], file.File.Path, keys);
        });

        var result = new List<ModuleFunction>?[files.Count];
        int remembered = 0, shared = 0;
        for (int i = 0; i < files.Count; i++)
        {
            if (outlines[i] is not { } outline || Functions(outline, pending, parsed) is not { } read) continue;
            result[i] = read.Functions;
            remembered += read.Remembered;
            shared += read.Shared;
        }
        return new Outcome(result, [.. outlines.Select(o => o?.Preamble)], work.Count, remembered, shared);
    }

    /// <summary>The functions of one file, or null when one of its chunks did not read or verify cleanly.</summary>
    private static (List<ModuleFunction> Functions, int Remembered, int Shared)? Functions(ChunkedFile outline, Dictionary<CacheKey, int> pending, ParsedChunk?[] parsed)
    {
        var file = outline.File;
        var text = file.Text;
        var functions = new List<ModuleFunction>(outline.Chunks.Count);
        int remembered = 0, shared = 0;
        for (int c = 0; c < outline.Chunks.Count; c++)
        {
            var chunk = outline.Chunks[c];
            if (outline.Remembered[c] is { } known)
            {
                functions.Add(new ModuleFunction(known.Key, Renamed(known.Params, text, chunk), () => ReadAgain(file, chunk), file.Path, chunk.Line, chunk.Column)
                    { ChunkDigest = outline.Digests[c] });
                remembered++;
                continue;
            }
            if (parsed[pending[outline.Digests[c]]] is not { } read) return null;
            functions.Add(new ModuleFunction(read.Function, Renamed(read.Function.Params, text, chunk), read.Key, file.Path, chunk.Line, chunk.Column)
                { ChunkDigest = outline.Digests[c] });
            if (!read.IsFrom(file.Path, chunk)) shared++;
        }
        return (functions, remembered, shared);
    }

    /// <summary>The function name written in a chunk that has a <c>%name</c>.</summary>
    public static UserFuncName NameOf(string text, ClifChunk chunk) =>
        UserFuncName.FromUser(UserExternalName.FromSymbol(text.Substring(chunk.NameStart, chunk.NameLength)));

    /// <summary>
    /// The parameters of a function with the same digest as <paramref name="chunk"/>, under the chunk's own name. Only the
    /// definition's name was left out of the digest: the table of names the body refers to (its callees, its symbols) is
    /// the same text, so it is the same table. A chunk without a <c>%name</c> kept its name in the digest.
    /// </summary>
    private static FunctionParameters Renamed(FunctionParameters parameters, string text, ClifChunk chunk)
    {
        if (!chunk.HasSymbolName) return parameters;
        var name = NameOf(text, chunk);
        return parameters.Name == name ? parameters : parameters.WithName(name);
    }

    /// <summary>
    /// The IR of a remembered chunk, when its code is needed after all. Its text is one that read and verified cleanly
    /// in an earlier build; if it does not now, the manifest was wrong, which the caller reports instead of using it.
    /// </summary>
    private static Function ReadAgain(SourceFile file, ClifChunk chunk)
    {
        try
        {
            return ClifReader.ParseChunk(file.Text, chunk, file.Path).Function;
        }
        catch (DiagnosticException e)
        {
            throw new StaleManifestException($"the build manifest remembers this function as read before, but it does not read: {e.Diagnostic.Message}",
                file.Path, chunk.Line, chunk.Column);
        }
    }
}
