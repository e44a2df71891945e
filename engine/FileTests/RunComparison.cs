namespace Stencil.Engine.FileTests;

/// <summary>What a run directive checks about the call's results.</summary>
public enum RunComparison
{
    /// <summary><c>== expected</c>: every result equals its expected value.</summary>
    Equal,
    /// <summary><c>!= expected</c>: the results differ from the expected values.</summary>
    NotEqual,
    /// <summary>Bare <c>; run</c> or <c>; run: %f(args)</c>: the single result is non-zero.</summary>
    Truthy,
    /// <summary><c>== trap</c> or <c>== trap CODE</c> (a Stencil extension): the call traps, with that code if given.</summary>
    Trap,
}
