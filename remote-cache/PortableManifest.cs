using Stencil.Engine.Building;

namespace Stencil.RemoteCache;

/// <summary>
/// A build manifest as it may travel between machines. A fresh checkout with no manifest of its own parses every
/// source; another checkout's manifest tells it, by file digest, which functions and keys its files hold (the engine
/// finds remembered files by digest at any path), so it only reads and hashes them. The remembered stats are taken
/// out: a stat stands in for a digest only on the machine and checkout that took it (git's index is not shared either).
/// </summary>
public static class PortableManifest
{
    /// <summary>The manifest without stats, or null when it does not decode.</summary>
    public static byte[]? From(ReadOnlySpan<byte> manifest)
    {
        if (!BuildManifestCodec.TryDecode(manifest, out var decoded)) return null;
        if (decoded.Sources.All(s => s.Stat is null)) return manifest.ToArray();
        return BuildManifestCodec.Encode(new BuildManifest([.. decoded.Sources.Select(s => s with { Stat = null })]));
    }
}
