namespace Stencil.Engine.FileTests;

/// <summary>
/// The outcome of one file. <see cref="Error"/> is set when the file could not be run at all (unreadable, does not
/// parse); <see cref="Crash"/> when the runner itself failed unexpectedly. <see cref="Notes"/> explain what was
/// skipped (e.g. <c>test run</c> for targets the host is not).
/// </summary>
public sealed record FileTestResult(string Path, IReadOnlyList<DirectiveResult> Directives, string? Error, string? Crash, IReadOnlyList<string> Notes)
{
    public int Passed => Directives.Count(d => d.Outcome == DirectiveOutcome.Passed);
    public int Failed => Directives.Count(d => d.Outcome == DirectiveOutcome.Failed);
    public int Unsupported => Directives.Count(d => d.Outcome == DirectiveOutcome.Unsupported);

    /// <summary>Whether the file is free of failures, parse errors and crashes.</summary>
    public bool Succeeded => Error is null && Crash is null && Failed == 0;
}
