using System.Text.RegularExpressions;

namespace Stencil.Integration.Tests;

/// <summary>
/// The task's one summary line: "Stencil: &lt;project&gt;: N functions, H cached[, R remote], C compiled, D deduplicated in T ms"
/// (the remote count only when a remote cache took part; <see cref="Remote"/> is null otherwise).
/// </summary>
internal sealed partial record BuildSummary(string Project, int Functions, int Cached, int Compiled, int Deduplicated, int? Remote = null)
{
    public static IReadOnlyList<BuildSummary> ParseAll(string buildOutput) =>
        [.. SummaryLine().Matches(buildOutput).Select(m => new BuildSummary(
            m.Groups["project"].Value,
            int.Parse(m.Groups["functions"].Value),
            int.Parse(m.Groups["cached"].Value),
            int.Parse(m.Groups["compiled"].Value),
            int.Parse(m.Groups["dedup"].Value),
            m.Groups["remote"].Success ? int.Parse(m.Groups["remote"].Value) : null))];

    [GeneratedRegex(@"Stencil: (?<project>[^:\r\n]+): (?<functions>\d+) functions, (?<cached>\d+) cached, (?:(?<remote>\d+) remote, )?(?<compiled>\d+) compiled, (?<dedup>\d+) deduplicated in \d+ ms")]
    private static partial Regex SummaryLine();
}
