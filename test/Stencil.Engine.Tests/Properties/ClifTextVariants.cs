using System.Text;
using System.Text.RegularExpressions;

namespace Stencil.Engine.Tests.Properties;

/// <summary>
/// Rewrites CLIF text in ways that must not change any stencil: a consistent permutation of value and
/// block numbers, comments and blank lines, other indentation, and renamed <c>%symbols</c>.
/// </summary>
internal static partial class ClifTextVariants
{
    /// <summary>Renumbers <c>vN</c> and <c>blockN</c> inside one function's text with random distinct numbers.</summary>
    public static string Renumber(string functionText, Random rng)
    {
        var text = Permute(functionText, ValueRef(), "v", rng);
        return Permute(text, BlockRef(), "block", rng);
    }

    private static string Permute(string text, Regex pattern, string prefix, Random rng)
    {
        var numbers = pattern.Matches(text).Select(m => m.Groups[1].Value).Distinct().ToArray();
        var fresh = Enumerable.Range(0, numbers.Length * 3 + 1).OrderBy(_ => rng.Next()).Take(numbers.Length).ToArray();
        var map = numbers.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => prefix + fresh[p.i]);
        return pattern.Replace(text, m => map[m.Groups[1].Value]);
    }

    /// <summary>Comment lines, trailing comments, blank lines and tab indentation around one function's lines.</summary>
    public static string Decorate(string functionText, Random rng)
    {
        var sb = new StringBuilder();
        sb.Append("; generated function, decorated\n\n");
        foreach (var line in functionText.Split('\n'))
        {
            if (line.Length == 0) { sb.Append('\n'); continue; }
            bool body = line.StartsWith("    ", StringComparison.Ordinal);
            if (body && rng.Next(5) == 0) sb.Append("    ; a comment line ").Append(rng.Next()).Append('\n');
            if (body && rng.Next(6) == 0) sb.Append('\n');
            sb.Append(body ? "\t" + line.TrimStart() : line);
            if (rng.Next(4) == 0) sb.Append("   ; trailing note");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Replaces every <c>%symbol</c> that has an entry in <paramref name="renames"/>.</summary>
    public static string RenameSymbols(string text, IReadOnlyDictionary<string, string> renames) =>
        SymbolRef().Replace(text, m => renames.TryGetValue(m.Groups[1].Value, out var to) ? "%" + to : m.Value);

    [GeneratedRegex(@"\bv(\d+)\b")]
    private static partial Regex ValueRef();

    [GeneratedRegex(@"\bblock(\d+)\b")]
    private static partial Regex BlockRef();

    [GeneratedRegex(@"%([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SymbolRef();
}
