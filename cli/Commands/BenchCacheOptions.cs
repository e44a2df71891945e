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
    /// <summary>The <c>opt_level</c> every build compiles at: <c>none</c> (the builds' default), <c>speed</c> or <c>speed_and_size</c>.</summary>
    public string OptLevel { get; init; } = "none";

    public IReadOnlyList<string> Settings => [$"opt_level={OptLevel}"];
}
