namespace Stencil.Cli.Commands;

/// <summary>One timed stage of a build, for the breakdown the benchmark prints.</summary>
public sealed record BenchStage(string Name, double Ms);
