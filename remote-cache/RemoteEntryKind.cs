namespace Stencil.RemoteCache;

/// <summary>What a remote key holds; each kind has its own part of the key space (<c>&lt;prefix&gt;code:</c>, <c>&lt;prefix&gt;manifest:</c>).</summary>
public enum RemoteEntryKind
{
    /// <summary>An encoded compiled stencil, under its content key.</summary>
    Code,
    /// <summary>A build manifest without stats (<see cref="PortableManifest"/>), under <c>BuildManifest.IdFor</c>.</summary>
    Manifest,
}
