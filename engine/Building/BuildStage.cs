namespace Stencil.Engine.Building;

/// <summary>One timed stage of a build: what a build spent where, for the benchmark and for diagnosis.</summary>
public sealed record BuildStage(string Name, double Ms);
