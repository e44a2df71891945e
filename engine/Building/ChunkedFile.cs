using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;

namespace Stencil.Engine.Building;

/// <summary>
/// A source file cut into its function chunks (<see cref="ClifReader.Outline"/>), each with its digest
/// (<see cref="ChunkHasher"/>) and, when the previous build manifest knows that digest, what it remembers: all a build
/// learns about a file before parsing any of it.
/// </summary>
internal sealed class ChunkedFile
{
    private ChunkedFile(SourceFile file, ClifPreamble preamble, IReadOnlyList<ClifChunk> chunks, CacheKey[] digests, ManifestFunction?[] remembered)
    {
        File = file;
        Preamble = preamble;
        Chunks = chunks;
        Digests = digests;
        Remembered = remembered;
    }

    public SourceFile File { get; }
    /// <summary>The file's header lines, whose <c>set</c> and <c>target</c> lines the build checks (<see cref="SourceSettingsCheck"/>).</summary>
    public ClifPreamble Preamble { get; }
    public IReadOnlyList<ClifChunk> Chunks { get; }
    public CacheKey[] Digests { get; }
    public ManifestFunction?[] Remembered { get; }

    /// <summary>The chunks of <paramref name="file"/>, or null when its header lines do not read cleanly.</summary>
    public static ChunkedFile? TryOutline(SourceFile file, BuildManifest? manifest)
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
        var digests = new CacheKey[outline.Chunks.Count];
        var remembered = new ManifestFunction?[digests.Length];
        using var hasher = new ChunkHasher(preamble);
        for (int i = 0; i < digests.Length; i++)
        {
            digests[i] = hasher.Digest(text, outline.Chunks[i]);
            if (manifest is not null && manifest.TryFindChunk(digests[i], out var known)) remembered[i] = known;
        }
        return new ChunkedFile(file, preamble, outline.Chunks, digests, remembered);
    }
}
