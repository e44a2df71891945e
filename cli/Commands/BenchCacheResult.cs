using System.Text.Json.Serialization;
using Stencil.Engine.Building;

namespace Stencil.Cli.Commands;

/// <summary>What <c>stencil bench cache</c> measured; the JSON form has exactly the documented snake_case keys.</summary>
public sealed record BenchCacheResult
{
    [JsonPropertyName("functions")] public required int Functions { get; init; }
    [JsonPropertyName("instructions")] public required long Instructions { get; init; }
    [JsonPropertyName("opt_level")] public required string OptLevel { get; init; }
    [JsonPropertyName("cold_ms")] public required double ColdMs { get; init; }
    [JsonPropertyName("nochange_ms")] public required double NoChangeMs { get; init; }
    [JsonPropertyName("oneedit_ms")] public required double OneEditMs { get; init; }
    [JsonPropertyName("dup_cold_ms")] public required double DupColdMs { get; init; }
    [JsonPropertyName("unique_cold_ms")] public required double UniqueColdMs { get; init; }
    [JsonPropertyName("floor_ms")] public required double FloorMs { get; init; }
    [JsonPropertyName("oneedit_ratio")] public double OneEditRatio => Ratio(OneEditMs, ColdMs);
    [JsonPropertyName("nochange_ratio")] public double NoChangeRatio => Ratio(NoChangeMs, ColdMs);
    [JsonPropertyName("dup_ratio")] public double DupRatio => Ratio(DupColdMs, UniqueColdMs);
    /// <summary>The remote scenario (empty local cache, warm remote), when <c>--remote</c> named a server; absent from the JSON otherwise.</summary>
    [JsonPropertyName("remote_ms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? RemoteMs { get; init; }
    [JsonPropertyName("remote_ratio"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? RemoteRatio => RemoteMs is { } ms ? Ratio(ms, ColdMs) : null;
    /// <summary>Requests one remote-scenario build made to the server (the lookups of all its functions are one).</summary>
    [JsonPropertyName("remote_round_trips"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? RemoteRoundTrips { get; init; }

    /// <summary>Where a no-change build spends its time, stage by stage (table output only).</summary>
    [JsonIgnore] public IReadOnlyList<BuildStage> NoChangeStages { get; init; } = [];

    /// <summary>Where a one-edit build spends its time, stage by stage, in the same stages (table output only).</summary>
    [JsonIgnore] public IReadOnlyList<BuildStage> OneEditStages { get; init; } = [];

    /// <summary>Where a remote-scenario build spends its time (table output only).</summary>
    [JsonIgnore] public IReadOnlyList<BuildStage> RemoteStages { get; init; } = [];

    private static double Ratio(double a, double b) => b > 0 ? Math.Round(a / b, 4) : 0;
}
