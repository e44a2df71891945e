using System.Diagnostics;

namespace Stencil.Engine.Building;

/// <summary>Times consecutive stages of one build; each <see cref="Mark"/> ends the stage running since the last one.</summary>
public sealed class StageClock
{
    private readonly List<BuildStage> _stages = [];
    private long _last = Stopwatch.GetTimestamp();

    public IReadOnlyList<BuildStage> Stages => _stages;

    /// <summary>Ends <paramref name="stage"/>; a stage marked again adds to its first entry.</summary>
    public void Mark(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        double ms = Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds;
        int at = _stages.FindIndex(s => s.Name == stage);
        if (at < 0) _stages.Add(new BuildStage(stage, Math.Round(ms, 2)));
        else _stages[at] = _stages[at] with { Ms = Math.Round(_stages[at].Ms + ms, 2) };
        _last = now;
    }
}
