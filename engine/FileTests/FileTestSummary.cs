namespace Stencil.Engine.FileTests;

/// <summary>Totals over files; <see cref="Line"/> is the one-line form tools look for.</summary>
public sealed record FileTestSummary(IReadOnlyList<FileTestResult> Files)
{
    public int Passed => Files.Sum(f => f.Passed);
    public int Failed => Files.Sum(f => f.Failed);
    public int Unsupported => Files.Sum(f => f.Unsupported);
    public int ParseErrors => Files.Count(f => f.Error is not null);
    public int Crashes => Files.Count(f => f.Crash is not null);

    /// <summary>No failed directive, no file that could not be read or parsed, and no runner crash.</summary>
    public bool Succeeded => Failed == 0 && ParseErrors == 0 && Crashes == 0;

    public string Line => FormatLine(Passed, Failed, Unsupported);

    public static string FormatLine(int passed, int failed, int unsupported) =>
        $"run directives: {passed} passed, {failed} failed, {unsupported} unsupported";
}
