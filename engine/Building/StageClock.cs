using System.Diagnostics;

namespace Stencil.Engine.Building;

/// <summary>Times consecutive stages of one build; each <see cref="Mark"/> ends the stage running since the last one.</summary>
public sealed class StageClock
{
    private readonly List<BuildStage> _stages = [];
    private long _last = Stopwatch.GetTimestamp();

    public IReadOnlyList<BuildStage> Stages => _stages;

    public void Mark(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        _stages.Add(new BuildStage(stage, Math.Round(Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds, 2)));
        _last = now;
    }
}
