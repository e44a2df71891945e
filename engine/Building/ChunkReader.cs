using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Names;
using Stencil.Ir.Text;

namespace Stencil.Engine.Building;

/// <summary>
/// Reads a source file the build manifest does not remember whole, function by function (<see cref="ClifReader.Outline"/>):
/// a function whose text the manifest knows by its chunk digest is not parsed at all, one whose text another function
/// of this build has already shares that one's parse (<see cref="ChunkMemo"/>), and only the rest are parsed, verified
/// and keyed. So an edit to one function of a large file costs hashing the file and reading that function.
/// </summary>
internal static class ChunkReader
{
    /// <summary>What reading one file by chunks gave, and how many of its chunks came from the manifest or from a copy.</summary>
    public readonly record struct Result(List<ModuleFunction> Functions, int Remembered, int Shared);

    /// <summary>
    /// The functions of <paramref name="file"/>, or null when any part of it does not read or verify cleanly by
    /// chunks: the caller then reads the file whole, whose diagnostics are the ones every build has always given.
    /// </summary>
    public static Result? TryRead(SourceFile file, BuildManifest? manifest, ChunkMemo memo)
    {
        var text = file.Text;
        var outline = ClifReader.Outline(text);
        ClifPreamble preamble;
        try
        {
            preamble = ClifReader.ParsePreamble(text, outline, file.Path);
        }
        catch (DiagnosticException)
        {
            return null;
        }

        using var hasher = new ChunkHasher(preamble);
        var functions = new List<ModuleFunction>(outline.Chunks.Count);
        int remembered = 0, shared = 0;
        foreach (var chunk in outline.Chunks)
        {
            var digest = hasher.Digest(text, chunk);
            if (manifest is not null && manifest.TryFindChunk(digest, out var known))
            {
                functions.Add(new ModuleFunction(known.Key, Renamed(known.Params, text, chunk), () => ReadAgain(file, chunk), file.Path, chunk.Line, chunk.Column)
                    { ChunkDigest = digest });
                remembered++;
                continue;
            }
            if (memo.Get(digest, text, chunk, file.Path) is not { } parsed) return null;
            functions.Add(new ModuleFunction(parsed.Function, Renamed(parsed.Function.Params, text, chunk), parsed.Key, file.Path, chunk.Line, chunk.Column)
                { ChunkDigest = digest });
            if (!parsed.IsFrom(file.Path, chunk)) shared++;
        }
        return new Result(functions, remembered, shared);
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
            throw new DiagnosticException(Diagnostic.Error(BuildDiagnosticCodes.CacheMismatch,
                $"the build manifest remembers this function as read before, but it does not read: {e.Diagnostic.Message}", file.Path, chunk.Line, chunk.Column));
        }
    }
}
