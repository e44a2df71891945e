using Stencil.Ir.Text;

namespace Stencil.Engine.FileTests;

/// <summary>
/// The expected output of one function in an output test: the run of comment lines that starts at the first
/// non-blank line after the function's closing brace (a blank line ends it, so a comment introducing the next
/// function stays its own). Lines are kept without their <c>; </c> prefix. When its lines are
/// <c>check:</c>-style patterns the output is matched with <see cref="FileCheck"/>, otherwise compared
/// exactly. <see cref="FirstLine"/>/<see cref="EndLine"/> (0-based, end exclusive) say where it sits, so
/// blessing can replace it.
/// </summary>
internal sealed record ExpectedOutput(IReadOnlyList<string> Lines, int FirstLine, int EndLine, int BraceLine)
{
    public bool IsEmpty => Lines.Count == 0;
    public bool IsPattern => Lines.Any(FileCheck.IsDirective);

    public static ExpectedOutput Find(string[] fileLines, ClifFunction f)
    {
        int brace = f.EndLocation.Line - 1;
        int i = brace + 1;
        while (i < fileLines.Length && fileLines[i].Trim().Length == 0) i++;
        int first = i;
        var lines = new List<string>();
        while (i < fileLines.Length && fileLines[i].TrimStart() is var t && t.StartsWith(';') && !IsRunDirective(t))
        {
            var body = t[1..];
            lines.Add(body.StartsWith(' ') ? body[1..] : body);
            i++;
        }
        return new ExpectedOutput(lines, lines.Count == 0 ? brace + 1 : first, lines.Count == 0 ? brace + 1 : i, brace);
    }

    /// <summary>The comment lines that state <paramref name="output"/> as expected output.</summary>
    public static IEnumerable<string> Render(string output) =>
        output.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? ";" : "; " + l);

    private static bool IsRunDirective(string comment)
    {
        var body = comment[1..].TrimStart();
        return body.StartsWith("run", StringComparison.Ordinal) || body.StartsWith("print", StringComparison.Ordinal);
    }
}
