using System.Security.Cryptography;
using Stencil.Ir.Keys;

namespace Stencil.Engine.Building;

/// <summary>
/// What one project's last successful build learned from its sources, kept in the cache so the next build can skip
/// reading what did not change: for every source file its digest and, per function, the stencil key and parameters.
/// A file whose bytes are unchanged needs no parsing, verifying or hashing of its functions at all (the design of
/// ccache's direct mode, per file instead of per translation unit). Everything in it is a hint checked against the
/// source digest; a build that cannot use it just reads its sources.
/// </summary>
public sealed class BuildManifest
{
    private readonly Dictionary<string, ManifestSource> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<CacheKey, ManifestSource> _byDigest = [];
    private readonly Dictionary<CacheKey, ManifestFunction> _byChunk = [];

    public BuildManifest(IReadOnlyList<ManifestSource> sources)
    {
        Sources = sources;
        foreach (var s in sources)
        {
            _byPath.TryAdd(s.Path, s);
            _byDigest.TryAdd(s.Digest, s);
            foreach (var f in s.Functions) if (f.ChunkDigest != default) _byChunk.TryAdd(f.ChunkDigest, f);
        }
    }

    public static BuildManifest Empty { get; } = new([]);

    public IReadOnlyList<ManifestSource> Sources { get; }

    /// <summary>
    /// The remembered file with exactly these bytes: preferably at the same path, otherwise anywhere (a moved file,
    /// or a checkout in another folder, is still the same text).
    /// </summary>
    public bool TryFind(string path, CacheKey digest, out ManifestSource source)
    {
        if (_byPath.TryGetValue(path, out source!) && source.Digest == digest) return true;
        return _byDigest.TryGetValue(digest, out source!);
    }

    /// <summary>The newest remembered version of the file at <paramref name="path"/>, whatever its bytes.</summary>
    public bool TryFindPath(string path, out ManifestSource source) => _byPath.TryGetValue(path, out source!);

    /// <summary>
    /// A function remembered by the digest of its text without its name, in any file: what lets a build parse only the
    /// function that changed in an edited file, and take a function copied under another name as it is.
    /// </summary>
    public bool TryFindChunk(CacheKey chunkDigest, out ManifestFunction function) => _byChunk.TryGetValue(chunkDigest, out function!);

    /// <summary>
    /// This build's sources, then sources the previous manifest remembered that this build did not read (older versions
    /// of edited files, files removed from the project), so that reverting an edit or switching branches back finds
    /// its files remembered. At most <paramref name="maxSources"/> in all; the oldest are forgotten first.
    /// </summary>
    public static BuildManifest Merge(BuildManifest current, BuildManifest? previous, int maxSources)
    {
        if (previous is null) return current;
        var sources = current.Sources.ToList();
        var known = current.Sources.Select(s => (s.Path, s.Digest)).ToHashSet();
        foreach (var old in previous.Sources)
        {
            if (sources.Count >= maxSources) break;
            if (known.Add((old.Path, old.Digest))) sources.Add(old);
        }
        return new BuildManifest(sources);
    }

    /// <summary>Where a project's manifest is kept: one per project name and key context (target, flags, compiler).</summary>
    public static CacheKey IdFor(string projectName, KeyContext context)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        var w = new CanonicalWriter(buffer);
        w.WriteString("stencil-build-manifest");
        w.WriteVarUInt(BuildManifestCodec.FormatVersion);
        w.WriteString(projectName);
        w.WriteString(context.Triple);
        w.WriteVarUInt((ulong)context.Flags.Count);
        foreach (var (name, value) in context.Flags) { w.WriteString(name); w.WriteString(value); }
        w.WriteString(context.CompilerBuildId);
        return new CacheKey(SHA256.HashData(buffer.WrittenSpan));
    }
}
