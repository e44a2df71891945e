using Stencil.Engine.Caching;

namespace Stencil.RemoteCache;

/// <summary>A build's remote cache: where it is and what the build may do with it.</summary>
public sealed record RemoteCacheSettings(RemoteCacheAddress Address, RemoteCacheMode Mode)
{
    /// <summary>Read when the <c>StencilRemoteCache</c> property is empty, so CI can point builds at a server without touching projects.</summary>
    public const string EnvironmentVariable = "STENCIL_REMOTE_CACHE";

    /// <summary>
    /// The address from <paramref name="configured"/>, else from <see cref="EnvironmentVariable"/>; false with no
    /// error when there is none or the mode is Off, false with an error (safe to print) when the address is not valid.
    /// </summary>
    public static bool TryResolve(string? configured, RemoteCacheMode mode, out RemoteCacheSettings? settings, out string? error)
    {
        settings = null;
        error = null;
        var text = string.IsNullOrWhiteSpace(configured) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : configured;
        if (mode == RemoteCacheMode.Off || string.IsNullOrWhiteSpace(text)) return false;
        if (!RemoteCacheAddress.TryParse(text, out var address, out var problem)) { error = problem; return false; }
        settings = new RemoteCacheSettings(address!, mode);
        return true;
    }

    /// <summary>Puts <paramref name="local"/> in front of this remote cache and starts connecting.</summary>
    public TieredCacheStore Open(ICacheStore local, Action<string> warn) =>
        new(local, RedisRemoteCache.Start(Address), Mode, Address.MaxValueBytes, warn);
}
