using System.Text.RegularExpressions;

namespace Stencil.Engine.FileTests;

/// <summary>
/// Pattern matching of output in the manner of Cranelift's filecheck: <c>check:</c> finds its text on a later
/// line, <c>nextln:</c> on the very next line, <c>sameln:</c> on the line of the previous match, and <c>not:</c>
/// forbids its text between the previous match and the next one (or the end). Patterns are literal text in
/// which any run of spaces matches any run of spaces.
/// </summary>
internal static partial class FileCheck
{
    private static readonly string[] Kinds = ["check:", "nextln:", "sameln:", "not:"];

    public static bool IsDirective(string line) => Kinds.Any(k => line.TrimStart().StartsWith(k, StringComparison.Ordinal));

    /// <summary>Null when <paramref name="output"/> satisfies every pattern, else why not.</summary>
    public static string? Match(IReadOnlyList<string> patterns, string output)
    {
        var lines = output.Split('\n');
        int next = 0, last = -1;
        var pendingNot = new List<(string Text, Regex Pattern)>();
        foreach (var raw in patterns)
        {
            var line = raw.TrimStart();
            var kind = Kinds.FirstOrDefault(k => line.StartsWith(k, StringComparison.Ordinal));
            if (kind is null) continue;
            var text = line[kind.Length..].Trim();
            var pattern = Compile(text);
            switch (kind)
            {
                case "not:":
                    pendingNot.Add((text, pattern));
                    continue;
                case "check:":
                {
                    int found = -1;
                    for (int i = next; i < lines.Length && found < 0; i++) if (pattern.IsMatch(lines[i])) found = i;
                    if (found < 0) return $"`check: {text}` matches no line after line {next}";
                    if (Forbidden(pendingNot, lines, next, found) is { } bad) return bad;
                    last = found;
                    break;
                }
                case "nextln:":
                    if (next >= lines.Length || !pattern.IsMatch(lines[next])) return $"`nextln: {text}` does not match line {next + 1}: `{(next < lines.Length ? lines[next] : "")}`";
                    if (Forbidden(pendingNot, lines, next, next) is { } bad2) return bad2;
                    last = next;
                    break;
                default:
                    if (last < 0 || !pattern.IsMatch(lines[last])) return $"`sameln: {text}` does not match the line of the previous match";
                    break;
            }
            next = last + 1;
        }
        return Forbidden(pendingNot, lines, next, lines.Length);
    }

    private static string? Forbidden(List<(string Text, Regex Pattern)> nots, string[] lines, int from, int to)
    {
        foreach (var (text, pattern) in nots)
            for (int i = from; i < to; i++)
                if (pattern.IsMatch(lines[i])) return $"`not: {text}` matches line {i + 1}: `{lines[i]}`";
        nots.Clear();
        return null;
    }

    private static Regex Compile(string text) =>
        new(string.Join(@"\s+", Spaces().Split(text).Select(Regex.Escape)), RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
