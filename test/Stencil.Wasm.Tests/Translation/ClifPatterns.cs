using System.Text.RegularExpressions;

namespace Stencil.Wasm.Tests.Translation;

/// <summary>
/// FileCheck-style checks on printed IR: each pattern must match a later line than the previous one, in order.
/// Patterns are regular expressions in which <c>$v</c> stands for any value and <c>$b</c> for any block, so checks do
/// not depend on numbering.
/// </summary>
internal static class ClifPatterns
{
    public static void Check(string text, params string[] patterns)
    {
        var lines = text.Split('\n');
        int at = 0;
        foreach (var pattern in patterns)
        {
            var regex = new Regex(Regex.Escape(pattern).Replace(@"\$v", @"v\d+").Replace(@"\$b", @"block\d+"));
            while (at < lines.Length && !regex.IsMatch(lines[at])) at++;
            if (at == lines.Length) Assert.Fail($"`{pattern}` not found in order in:\n{text}");
            at++;
        }
    }

    public static void CheckNot(string text, string pattern) =>
        Assert.DoesNotContain(pattern, text, $"`{pattern}` must not appear in:\n{text}");
}
