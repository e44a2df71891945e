namespace Stencil.Server.Hosting;

/// <summary>How a server runs: where its socket lives, and how long it waits without a build before it exits.</summary>
public sealed record ServerOptions(string Directory, TimeSpan IdleTimeout)
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long a connection may take to send its hello and its request before the server drops it.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The compiler identity the server answers builds for; its own by default (tests pose as another version).</summary>
    public string? Identity { get; init; }
}
