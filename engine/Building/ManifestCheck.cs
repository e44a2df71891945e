using System.Buffers;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;

namespace Stencil.Engine.Building;

/// <summary>
/// Verify mode's check of the build manifest: for every file whose bytes the manifest remembers, what it remembers
/// must be exactly what reading the file again gave; in the other files, every function the manifest knows by its
/// chunk digest must have the key and names (its own name aside) that reading it gave. A difference would mean a
/// build that trusted the manifest could produce other code than a clean build, so it is an error.
/// </summary>
public static class ManifestCheck
{
    public static IEnumerable<Diagnostic> Compare(BuildManifest remembered, BuildManifest fresh)
    {
        foreach (var source in fresh.Sources)
        {
            if (!remembered.TryFind(source.Path, source.Digest, out var old))
            {
                foreach (var d in CompareChunks(remembered, source)) yield return d;
                continue;
            }
            if (old.Functions.Count != source.Functions.Count)
            {
                yield return Mismatch(source.Path, 0, 0, $"the build manifest remembers {old.Functions.Count} functions in this file, reading it gives {source.Functions.Count}");
                continue;
            }
            for (int i = 0; i < source.Functions.Count; i++)
            {
                var (was, now) = (old.Functions[i], source.Functions[i]);
                var what = was.Key != now.Key ? $"key {was.Key} but its source has key {now.Key}"
                    : (was.Line, was.Column) != (now.Line, now.Column) ? $"position {was.Line}:{was.Column} but it is at {now.Line}:{now.Column}"
                    : !Encode(was.Params).AsSpan().SequenceEqual(Encode(now.Params)) ? "other names or source locations than its source gives"
                    : null;
                if (what is not null)
                    yield return Mismatch(source.Path, now.Line, now.Column, $"cache verification failed for `{now.Params.Name.SymbolName}`: the build manifest remembers {what}");
            }
        }
    }

    private static IEnumerable<Diagnostic> CompareChunks(BuildManifest remembered, ManifestSource source)
    {
        foreach (var now in source.Functions)
        {
            if (now.ChunkDigest == default || !remembered.TryFindChunk(now.ChunkDigest, out var was)) continue;
            var what = was.Key != now.Key ? $"key {was.Key} for its text but its source has key {now.Key}"
                : !Encode(was.Params.WithName(now.Params.Name)).AsSpan().SequenceEqual(Encode(now.Params)) ? "other names or source locations for its text than its source gives"
                : null;
            if (what is not null)
                yield return Mismatch(source.Path, now.Line, now.Column, $"cache verification failed for `{now.Params.Name.SymbolName}`: the build manifest remembers {what}");
        }
    }

    private static Diagnostic Mismatch(string path, int line, int column, string message) =>
        Diagnostic.Error(BuildDiagnosticCodes.CacheMismatch, message, path, line, column);

    private static byte[] Encode(FunctionParameters parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        FunctionParametersCodec.Encode(parameters, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
