using Stencil.Ir.Diagnostics;

namespace Stencil.Engine.Building;

/// <summary>What a build did. <see cref="Functions"/> = <see cref="Cached"/> + <see cref="Compiled"/> + <see cref="Deduplicated"/>.</summary>
public sealed record ProjectBuildResult(IReadOnlyList<Diagnostic> Diagnostics, int Functions, int Cached, int Compiled, int Deduplicated, long ElapsedMs)
{
    public bool ObjectWritten { get; init; }

    public bool Succeeded => ObjectWritten && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The one summary line tools and tests parse.</summary>
    public string FormatSummary(string projectName) =>
        $"Stencil: {projectName}: {Functions} functions, {Cached} cached, {Compiled} compiled, {Deduplicated} deduplicated in {ElapsedMs} ms";
}
