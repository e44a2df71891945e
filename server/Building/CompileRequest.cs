using Stencil.RemoteCache;

namespace Stencil.Server.Building;

/// <summary>
/// Everything one <c>StencilCompile</c> run uses, already validated and made absolute by the task: the same request is
/// compiled in the task's process or sent to the compiler server. Nothing in it depends on the process that runs it
/// (its environment variables were read by the task: <see cref="RemoteCache"/>).
/// </summary>
public sealed record CompileRequest
{
    public required string ProjectName { get; init; }
    /// <summary>Full paths, de-duplicated and in ordinal order (the object's layout follows it).</summary>
    public required IReadOnlyList<string> Sources { get; init; }
    public required string ObjectFile { get; init; }
    /// <summary>Empty for the default triple.</summary>
    public string? Triple { get; init; }
    public IReadOnlyList<string> Settings { get; init; } = [];
    /// <summary>The cache file; null builds without a cache.</summary>
    public string? CacheFile { get; init; }
    public TimeSpan CacheLockTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public long? CacheMaxBytes { get; init; }
    /// <summary>The remote cache's address as configured (property, else the task's <c>STENCIL_REMOTE_CACHE</c>); null for none.</summary>
    public string? RemoteCache { get; init; }
    public RemoteCacheMode RemoteCacheMode { get; init; }
    /// <summary>The library to link the object into; null links nothing.</summary>
    public string? SharedLibrary { get; init; }
    public bool Parallel { get; init; } = true;
    public bool VerifyCacheHits { get; init; }
}
