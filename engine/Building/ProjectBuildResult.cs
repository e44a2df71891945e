using Stencil.Ir.Diagnostics;

namespace Stencil.Engine.Building;

/// <summary>What a build did. <see cref="Functions"/> = <see cref="Cached"/> + <see cref="Compiled"/> + <see cref="Deduplicated"/>.</summary>
public sealed record ProjectBuildResult(IReadOnlyList<Diagnostic> Diagnostics, int Functions, int Cached, int Compiled, int Deduplicated, long ElapsedMs)
{
    public bool ObjectWritten { get; init; }

    /// <summary>Source files the build parsed, and files whose functions it took from the build manifest instead.</summary>
    public int SourcesParsed { get; init; }
    public int SourcesRemembered { get; init; }

    /// <summary>Source files not even read: their stat matched what the build manifest remembers (see <see cref="SourceStat"/>).</summary>
    public int SourcesUnread { get; init; }

    /// <summary>
    /// In the files not remembered whole: functions parsed one by one, functions the build manifest knew by their text,
    /// and textual copies (same text, another name) that took the parse of a function of this build (see <see cref="SourceLoadCounts"/>).
    /// </summary>
    public int ChunksParsed { get; init; }
    public int ChunksRemembered { get; init; }
    public int ChunksShared { get; init; }

    /// <summary>Where the build spent its time, stage by stage.</summary>
    public IReadOnlyList<BuildStage> Stages { get; init; } = [];

    /// <summary>
    /// Of <see cref="Cached"/>, the hits a remote cache tier supplied; null when the build had no remote tier (the
    /// store that knows sets it, the engine sees only <c>ICacheStore</c>).
    /// </summary>
    public int? RemoteHits { get; init; }

    public bool Succeeded => ObjectWritten && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The one summary line tools and tests parse; "cached" counts local hits, "remote" (only with a remote tier) the others.</summary>
    public string FormatSummary(string projectName) => RemoteHits is { } remote
        ? $"Stencil: {projectName}: {Functions} functions, {Cached - remote} cached, {remote} remote, {Compiled} compiled, {Deduplicated} deduplicated in {ElapsedMs} ms"
        : $"Stencil: {projectName}: {Functions} functions, {Cached} cached, {Compiled} compiled, {Deduplicated} deduplicated in {ElapsedMs} ms";
}
