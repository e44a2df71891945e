namespace Stencil.Ir.Interpretation;

/// <summary>Limits that keep a runaway function from hanging its caller.</summary>
public sealed record InterpreterOptions
{
    public long MaxSteps { get; init; } = 100_000_000;
    public int MaxCallDepth { get; init; } = 1000;
}
