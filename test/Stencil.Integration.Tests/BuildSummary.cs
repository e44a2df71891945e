using System.Text.RegularExpressions;

namespace Stencil.Integration.Tests;

/// <summary>The task's one summary line: "Stencil: &lt;project&gt;: N functions, H cached, C compiled, D deduplicated in T ms".</summary>
internal sealed partial record BuildSummary(string Project, int Functions, int Cached, int Compiled, int Deduplicated)
{
    public static IReadOnlyList<BuildSummary> ParseAll(string buildOutput) =>
        [.. SummaryLine().Matches(buildOutput).Select(m => new BuildSummary(
            m.Groups["project"].Value,
            int.Parse(m.Groups["functions"].Value),
            int.Parse(m.Groups["cached"].Value),
            int.Parse(m.Groups["compiled"].Value),
            int.Parse(m.Groups["dedup"].Value)))];

    [GeneratedRegex(@"Stencil: (?<project>[^:\r\n]+): (?<functions>\d+) functions, (?<cached>\d+) cached, (?<compiled>\d+) compiled, (?<dedup>\d+) deduplicated in \d+ ms")]
    private static partial Regex SummaryLine();
}
