using System.Text.RegularExpressions;

namespace Stencil.Integration.Tests;

/// <summary>Assertions over build and run output shared by the integration tests.</summary>
internal static partial class BuildAssert
{
    public static BuildSummary Succeeded(ProcessResult build, string step)
    {
        Assert.AreEqual(0, build.ExitCode, $"{step}: the build failed. {build.Describe()}");
        NoStackTrace(build, step);
        var summaries = BuildSummary.ParseAll(build.Output);
        Assert.HasCount(1, summaries, $"{step}: expected exactly one Stencil summary line. {build.Describe()}");
        return summaries[0];
    }

    public static void NoStackTrace(ProcessResult result, string step) =>
        Assert.IsFalse(StackFrame().IsMatch(result.Output), $"{step}: the output contains a stack trace. {result.Describe()}");

    public static void Counts(BuildSummary summary, string step, int functions, int cached, int compiled)
    {
        var expected = $"{functions} functions, {cached} cached, {compiled} compiled";
        var actual = $"{summary.Functions} functions, {summary.Cached} cached, {summary.Compiled} compiled";
        Assert.AreEqual(expected, actual, $"{step}: wrong cache behaviour.");
    }

    /// <summary>
    /// The distinct messages of the warnings with <paramref name="code"/>: MSBuild repeats each warning in its closing
    /// summary, with the project's path appended.
    /// </summary>
    public static IReadOnlyList<string> Warnings(ProcessResult build, string code)
    {
        var marker = $"warning {code}:";
        return [.. build.Output.Split('\n')
            .Select(line => line.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0 ? line[(at + marker.Length)..].Trim() : null)
            .OfType<string>()
            .Select(message => ProjectSuffix().Replace(message, ""))
            .Distinct()];
    }

    [GeneratedRegex(@"\s*\[[^\[\]]+\.csproj\]$")]
    private static partial Regex ProjectSuffix();

    public static void AppRunsCorrectly(SampleWorkspace workspace, string step)
    {
        var run = workspace.RunApp();
        Assert.AreEqual(0, run.ExitCode, $"{step}: the sample app failed. {run.Describe()}");
        StringAssert.Contains(run.StandardOutput, "checks passed.", $"{step}: {run.Describe()}");
        // Values worked out by hand, so a wrong C# reference cannot hide a wrong kernel.
        StringAssert.Contains(run.StandardOutput, "gcd(1071, 462) = 21", $"{step}: {run.Describe()}");
        StringAssert.Contains(run.StandardOutput, "sum_below(100) = 4950", $"{step}: {run.Describe()}");
        StringAssert.Contains(run.StandardOutput, "popcount64(0xffffffffffffffff) = 64", $"{step}: {run.Describe()}");
    }

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
