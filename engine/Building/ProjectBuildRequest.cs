using Stencil.Engine.Caching;
using Stencil.Isa;

namespace Stencil.Engine.Building;

/// <summary>One build of a project's IR sources into one object file.</summary>
public sealed record ProjectBuildRequest(string ProjectName, IReadOnlyList<string> Sources, string ObjectPath)
{
    public string Triple { get; init; } = TargetTriple.DefaultName;
    /// <summary>ISA and optimization settings as <c>name=value</c> (or bare <c>name</c>) strings.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];
    /// <summary>
    /// Where <see cref="Settings"/> come from, for the error at a source's <c>set</c> item that contradicts them
    /// ("... conflicts with opt_level=none from <i>this</i>"), e.g. "the project (StencilOptLevel/StencilSettings)".
    /// </summary>
    public string SettingsOrigin { get; init; } = "the build's settings";
    /// <summary>Where compiled stencils are looked up and stored; null builds everything cold.</summary>
    public ICacheStore? Cache { get; init; }
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Recompile every cache hit and fail loudly when the cached code differs.</summary>
    public bool VerifyCacheHits { get; init; }
    /// <summary>Tests only: how long a source must have been left alone before its stat may stand in for its digest.</summary>
    internal TimeSpan SourceSettleMargin { get; init; } = SourceFile.DefaultSettleMargin;
}
