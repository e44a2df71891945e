namespace Stencil.Engine.FileTests;

/// <summary>Parses the text of <c>; run:</c> directives: <c>%name(a, b) == r</c>, <c>!= r</c>, <c>== [r1, r2]</c>,
/// <c>%name(a)</c> alone, or nothing at all (the legacy bare <c>; run</c>); and, as a Stencil extension,
/// <c>== trap</c> / <c>== trap int_divz</c> for calls that must trap.</summary>
public static class RunDirectiveParser
{
    public static bool TryParse(string text, out RunInvocation invocation, out string? error)
    {
        invocation = null!;
        text = WithoutTrailingComment(text).Trim();
        if (text.Length == 0)
        {
            invocation = new RunInvocation(null, [], RunComparison.Truthy, []);
            error = null;
            return true;
        }
        if (text[0] != '%') { error = "a run directive starts with `%name(`"; return false; }
        int open = text.IndexOf('(');
        if (open < 2) { error = "expected `%name(arguments)`"; return false; }
        var name = text[1..open].Trim();
        int close = MatchingParen(text, open);
        if (close < 0) { error = "unclosed argument list"; return false; }
        var args = SplitList(text[(open + 1)..close]);
        var rest = text[(close + 1)..].Trim();
        if (rest.Length == 0)
        {
            invocation = new RunInvocation(name, args, RunComparison.Truthy, []);
            error = null;
            return true;
        }
        RunComparison comparison;
        if (rest.StartsWith("==", StringComparison.Ordinal)) comparison = RunComparison.Equal;
        else if (rest.StartsWith("!=", StringComparison.Ordinal)) comparison = RunComparison.NotEqual;
        else { error = $"expected `==` or `!=` after the call, found `{rest}`"; return false; }
        var expectedText = rest[2..].Trim();
        if (expectedText.Length == 0) { error = "missing expected value"; return false; }
        if (comparison == RunComparison.Equal && (expectedText == "trap" || expectedText.StartsWith("trap ", StringComparison.Ordinal)))
        {
            var codeText = expectedText[4..].Trim();
            Stencil.Ir.TrapCode? code = null;
            if (codeText.Length > 0)
            {
                if (!Stencil.Ir.TrapCode.TryParse(codeText, out var parsed)) { error = $"`{codeText}` is not a trap code"; return false; }
                code = parsed;
            }
            invocation = new RunInvocation(name, args, RunComparison.Trap, []) { ExpectedText = expectedText, ExpectedTrap = code };
            error = null;
            return true;
        }
        IReadOnlyList<string> expected;
        if (expectedText[0] == '[')
        {
            if (expectedText[^1] != ']') { error = "unclosed `[` in the expected values"; return false; }
            expected = SplitList(expectedText[1..^1]);
        }
        else expected = [expectedText];
        invocation = new RunInvocation(name, args, comparison, expected) { ExpectedText = expectedText };
        error = null;
        return true;
    }

    /// <summary>Drops a <c>; note</c> that follows the directive on its line.</summary>
    private static string WithoutTrailingComment(string text)
    {
        int cut = text.IndexOf(';');
        return cut < 0 ? text : text[..cut];
    }

    private static int MatchingParen(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] is '(' or '[') depth++;
            else if (text[i] is ')' or ']' && --depth == 0) return text[i] == ')' ? i : -1;
        }
        return -1;
    }

    /// <summary>Splits a comma-separated list at the top level (commas inside brackets stay).</summary>
    private static List<string> SplitList(string text)
    {
        var items = new List<string>();
        if (text.Trim().Length == 0) return items;
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '(' or '[') depth++;
            else if (text[i] is ')' or ']') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                items.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        items.Add(text[start..].Trim());
        return items;
    }
}
