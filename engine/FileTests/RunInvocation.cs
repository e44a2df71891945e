namespace Stencil.Engine.FileTests;

/// <summary>A parsed run directive, before its literals are typed: which function, the argument texts, the check,
/// and the expected texts (empty for <see cref="RunComparison.Truthy"/>). <see cref="Function"/> is null for the
/// legacy bare <c>; run</c>, which calls the function the directive follows with no arguments.</summary>
public sealed record RunInvocation(string? Function, IReadOnlyList<string> Arguments, RunComparison Comparison, IReadOnlyList<string> Expected)
{
    /// <summary>The expected text as written after the comparison, for a single vector result written <c>[a b c d]</c>.</summary>
    public string ExpectedText { get; init; } = "";

    /// <summary>For <see cref="RunComparison.Trap"/>, the trap code named, or null when any trap will do.</summary>
    public Stencil.Ir.TrapCode? ExpectedTrap { get; init; }
}
