namespace Stencil.RemoteCache;

/// <summary>What a build may do with the remote cache (<c>StencilRemoteCacheMode</c>).</summary>
public enum RemoteCacheMode
{
    /// <summary>Read hits and publish what the build compiled: trusted builds (main branch CI).</summary>
    ReadWrite,
    /// <summary>Read hits, publish nothing: builds that must not feed code to others (pull requests from forks).</summary>
    ReadOnly,
    /// <summary>No remote cache at all, whatever address is configured.</summary>
    Off,
}

public static class RemoteCacheModes
{
    /// <summary>Parses a mode name, ignoring case; empty means <see cref="RemoteCacheMode.ReadWrite"/>.</summary>
    public static bool TryParse(string? text, out RemoteCacheMode mode)
    {
        mode = RemoteCacheMode.ReadWrite;
        if (string.IsNullOrWhiteSpace(text)) return true;
        // Enum.TryParse would also take numbers and comma lists; only the three names are meant.
        foreach (var candidate in Enum.GetValues<RemoteCacheMode>())
        {
            if (string.Equals(candidate.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase)) { mode = candidate; return true; }
        }
        return false;
    }
}
