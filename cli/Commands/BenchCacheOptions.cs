using Stencil.RemoteCache;

namespace Stencil.Cli.Commands;

/// <summary>The shape of one <c>stencil bench cache</c> run.</summary>
public sealed record BenchCacheOptions(int Functions)
{
    public const int DefaultFunctions = 2000;

    /// <summary>Chosen so the default module has at least 200,000 IR instructions.</summary>
    public int InstructionsPerFunction { get; init; } = 105;
    public int Files { get; init; } = 20;
    /// <summary>Runs per measurement (cold ones each with a new, empty cache); the median is reported.</summary>
    public int Repeats { get; init; } = 3;
    public int Seed { get; init; } = 2026;
    /// <summary>
    /// The <c>opt_level</c> every build compiles at. <c>speed</c> by default: Wasmtime's default, the setting Cranelift's
    /// own cache figures were measured with, and what Release builds use; <c>none</c> is what Debug builds use.
    /// </summary>
    public string OptLevel { get; init; } = DefaultOptLevel;

    public const string DefaultOptLevel = "speed";

    public IReadOnlyList<string> Settings => [$"opt_level={OptLevel}"];

    /// <summary>When set, the remote scenario runs against this server (under a key prefix of its own).</summary>
    public RemoteCacheAddress? RemoteCache { get; init; }
}
