using Stencil.Server.Endpoint;
using Stencil.Server.Hosting;

namespace Stencil.Server.Client;

/// <summary>How a build uses the server: where, how long the server should stay after it, and how long to wait for it.</summary>
public sealed record ServerClientOptions
{
    public string Directory { get; init; } = ServerDirectory.Default;
    public TimeSpan IdleTimeout { get; init; } = ServerOptions.DefaultIdleTimeout;
    /// <summary>Connecting and exchanging hellos with a running server.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>A server this build started has this long to start listening.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The build itself; past it, the build is done in-process instead.</summary>
    public TimeSpan BuildTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>The identity to ask for; this compiler's by default.</summary>
    public string? Identity { get; init; }
}
