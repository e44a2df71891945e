namespace Stencil.Cli.Wast;

public enum WastVerdict { Passed, Failed, Unsupported }

/// <summary>What one counted command of a spec script gave; <see cref="Reason"/> says what differed (stable text, no paths).</summary>
public sealed record WastOutcome(string Script, int Line, string Command, WastVerdict Verdict, string? Reason)
{
    public string Key => $"{Script}:{Line}";

    public override string ToString() => $"{Key}: {Verdict.ToString().ToLowerInvariant()}: {Command}: {Reason}";
}

/// <summary>The outcomes of one script, in command order; <see cref="Error"/> is set when the script could not be read at all.</summary>
public sealed record WastFileResult(string Script, IReadOnlyList<WastOutcome> Outcomes, string? Error = null)
{
    public int Passed => Outcomes.Count(o => o.Verdict == WastVerdict.Passed);
    public int Failed => Outcomes.Count(o => o.Verdict == WastVerdict.Failed);
    public int Unsupported => Outcomes.Count(o => o.Verdict == WastVerdict.Unsupported);

    public string Summary => Error is null
        ? $"{Script}: {Passed} passed, {Failed} failed, {Unsupported} unsupported"
        : $"{Script}: error: {Error}";

    /// <summary>The last line of <c>stencil wast</c>, exactly.</summary>
    public static string Total(IEnumerable<WastFileResult> results)
    {
        int p = 0, f = 0, u = 0;
        foreach (var r in results)
        {
            p += r.Passed;
            f += r.Failed;
            u += r.Unsupported;
        }
        return $"wast commands: {p} passed, {f} failed, {u} unsupported";
    }
}
