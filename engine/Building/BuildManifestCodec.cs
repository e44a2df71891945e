using System.Buffers;
using Stencil.Engine.Caching;
using Stencil.Ir;
using Stencil.Ir.Keys;

namespace Stencil.Engine.Building;

/// <summary>
/// Versioned binary form of <see cref="BuildManifest"/>, ending in a SHA-256 of the rest: a build trusts the keys and
/// names a manifest remembers, so damage must be caught whatever store kept it. Decoding validates every field and
/// never throws: a manifest that does not decode is simply not used.
/// </summary>
public static class BuildManifestCodec
{
    /// <summary>2: each source carries its stat, or a zero byte.</summary>
    public const int FormatVersion = 2;
    private const uint Magic = 0x424E5453; // "STNB" little-endian

    public static byte[] Encode(BuildManifest manifest)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        SealedBlob.Begin(buffer, Magic, FormatVersion);
        var w = new CanonicalWriter(buffer);
        Span<byte> digest = stackalloc byte[CacheKey.Size];
        w.WriteVarUInt((ulong)manifest.Sources.Count);
        foreach (var source in manifest.Sources)
        {
            w.WriteString(source.Path);
            source.Digest.CopyTo(digest);
            w.WriteFixed(digest);
            WriteStat(w, source.Stat);
            w.WriteVarUInt((ulong)source.Functions.Count);
            foreach (var f in source.Functions)
            {
                f.ChunkDigest.CopyTo(digest);
                w.WriteFixed(digest);
                f.Key.CopyTo(digest);
                w.WriteFixed(digest);
                w.WriteVarUInt((ulong)f.Line);
                w.WriteVarUInt((ulong)f.Column);
                FunctionParametersCodec.Encode(f.Params, buffer);
            }
        }
        return SealedBlob.Seal(buffer);
    }

    public static bool TryDecode(ReadOnlySpan<byte> data, out BuildManifest manifest)
    {
        manifest = BuildManifest.Empty;
        if (!SealedBlob.TryOpen(data, Magic, FormatVersion, out var body)) return false;
        var r = new CanonicalReader(body);
        if (!r.TryReadCount(out int sourceCount)) return false;
        var sources = new ManifestSource[sourceCount];
        for (int s = 0; s < sourceCount; s++)
        {
            if (!r.TryReadString(out var path) || !TryReadDigest(ref r, out var fileDigest) || !TryReadStat(ref r, out var stat) ||
                !r.TryReadCount(out int count))
                return false;
            var functions = new ManifestFunction[count];
            for (int i = 0; i < count; i++)
            {
                if (!TryReadDigest(ref r, out var chunk) || !TryReadDigest(ref r, out var key) ||
                    !r.TryReadUInt32(out var line) || !r.TryReadUInt32(out var column) || line > int.MaxValue || column > int.MaxValue ||
                    !FunctionParametersCodec.TryDecode(ref r, out var parameters))
                    return false;
                functions[i] = new ManifestFunction(chunk, key, (int)line, (int)column, parameters);
            }
            sources[s] = new ManifestSource(path, fileDigest, functions) { Stat = stat };
        }
        if (!r.AtEnd) return false;
        manifest = new BuildManifest(sources);
        return true;
    }

    private static void WriteStat(CanonicalWriter w, SourceStat? stat)
    {
        if (stat is not { } s)
        {
            w.WriteByte(0);
            return;
        }
        w.WriteByte(1);
        w.WriteVarInt(s.Size);
        w.WriteVarInt(s.ModifiedNs);
        w.WriteVarInt(s.ChangedNs);
        w.WriteVarUInt(s.Inode);
        w.WriteVarUInt(s.Device);
    }

    private static bool TryReadStat(ref CanonicalReader r, out SourceStat? stat)
    {
        stat = null;
        if (!r.TryReadByte(out var present) || present > 1) return false;
        if (present == 0) return true;
        if (!r.TryReadVarInt(out var size) || !r.TryReadVarInt(out var modified) || !r.TryReadVarInt(out var changed) ||
            !r.TryReadVarUInt(out var inode) || !r.TryReadVarUInt(out var device))
            return false;
        stat = new SourceStat(size, modified, changed, inode, device);
        return true;
    }

    private static bool TryReadDigest(ref CanonicalReader r, out CacheKey digest)
    {
        digest = default;
        if (!r.TryReadFixed(CacheKey.Size, out var bytes)) return false;
        digest = new CacheKey(bytes);
        return true;
    }
}
