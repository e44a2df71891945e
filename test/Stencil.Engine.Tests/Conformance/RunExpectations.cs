using Stencil.Engine.FileTests;

namespace Stencil.Engine.Tests.Conformance;

/// <summary>
/// Turns a corpus run into the entries of its expectations file: every directive of one mode that did not pass
/// (<c>file.clif:LINE</c>), every file that does not parse (<c>does-not-parse</c>) and every file a note says was
/// not run (<c>skipped</c>). Paths are relative to the corpus, so the entries do not depend on where it lies.
/// </summary>
internal static class RunExpectations
{
    public static IReadOnlyList<Expectation> Of(FileTestSummary summary, string folder, FileTestMode mode)
    {
        var entries = new List<Expectation>();
        foreach (var file in summary.Files)
        {
            var name = Relative(folder, file.Path);
            if (file.Error is not null) entries.Add(Expectation.Of(name, "does-not-parse", Stable(folder, file.Error)));
            var directives = file.Directives.Where(d => d.Mode == mode).ToList();
            if (file.Error is null && directives.Count == 0 && file.Notes.Count > 0)
                entries.Add(Expectation.Of(name, "skipped", Stable(folder, string.Join("; ", file.Notes))));
            foreach (var d in directives.Where(d => d.Outcome != DirectiveOutcome.Passed))
                entries.Add(Expectation.Of($"{name}:{d.Location.Line}", d.Outcome.ToString().ToLowerInvariant(), Stable(folder, d.Message)));
        }
        return entries;
    }

    /// <summary>Runner crashes and interpreter failures are bugs of ours, never acceptable entries.</summary>
    public static IReadOnlyList<string> Crashes(FileTestSummary summary, string folder) =>
        summary.Files.Where(f => f.Crash is not null).Select(f => $"{Relative(folder, f.Path)}: {f.Crash}")
            .Concat(summary.Files.SelectMany(f => f.Directives)
                .Where(d => d.Message?.StartsWith("the interpreter failed", StringComparison.Ordinal) == true)
                .Select(d => Stable(folder, d.ToString())))
            .ToList();

    public static string Relative(string folder, string path) =>
        Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The message without the corpus's own location, which differs between machines.</summary>
    public static string Stable(string folder, string? message) =>
        (message ?? "").Replace(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
}
