using System.Globalization;
using Stencil.Ir.Interpretation;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Interpreter;

/// <summary>
/// One <c>; run:</c> line: <c>%name(args) == result</c>, <c>!= result</c>, <c>== [a, b]</c> for several
/// results, or just <c>%name(args)</c> meaning the single result must be true (nonzero).
/// Literals are typed by the function's signature when the line is parsed.
/// </summary>
internal sealed record RunDirective(string FunctionName, string ArgumentText, string? Comparison, string? ExpectedText)
{
    public static bool TryParse(string text, out RunDirective directive, out string? error)
    {
        directive = null!;
        error = null;
        var s = text.Trim();
        if (!s.StartsWith('%')) { error = $"expected `%name(...)`, found `{s}`"; return false; }
        int open = s.IndexOf('(');
        if (open < 0) { error = "missing `(`"; return false; }
        int close = MatchingParen(s, open);
        if (close < 0) { error = "missing `)`"; return false; }
        string name = s[1..open].Trim(), args = s[(open + 1)..close];
        var rest = s[(close + 1)..].Trim();
        if (rest.Length == 0) { directive = new RunDirective(name, args, null, null); return true; }
        if (rest.StartsWith("==") || rest.StartsWith("!="))
        {
            directive = new RunDirective(name, args, rest[..2], rest[2..].Trim());
            return true;
        }
        error = $"unexpected `{rest}` after the call";
        return false;
    }

    private static int MatchingParen(string s, int open)
    {
        int depth = 0;
        for (int i = open; i < s.Length; i++)
        {
            if (s[i] == '(') depth++;
            else if (s[i] == ')' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>Splits a comma-separated list, with an optional surrounding <c>[ ]</c>.</summary>
    public static List<string> SplitList(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('[') && t.EndsWith(']')) t = t[1..^1];
        return t.Length == 0 ? [] : t.Split(',').Select(x => x.Trim()).ToList();
    }

    public static bool TryParseValue(string text, IrType type, out DataValue value)
    {
        value = default;
        if (type.IsInt)
        {
            if (text == "true") { value = DataValue.Int(type, 1); return true; }
            if (text == "false") { value = DataValue.Int(type, 0); return true; }
            var digits = text.Replace("_", "");
            // Hex literals name bit patterns, so a full-width i128 pattern above Int128.MaxValue is valid.
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && UInt128.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var pattern))
            {
                value = DataValue.FromBits(type, pattern);
                return true;
            }
            if (!IntegerText.TryParse(digits, out var v)) return false;
            value = DataValue.Int128(type, v);
            return true;
        }
        if (type == IrType.F32 || type == IrType.F64)
        {
            if (IeeeText.TryParse(text, type.Bits, out var bits, out _)) { value = DataValue.FromBits(type, bits); return true; }
            string plain = text.Replace("+Inf", "Infinity").Replace("-Inf", "-Infinity");
            if (plain == "Inf") plain = "Infinity";
            if (!double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return false;
            value = type == IrType.F32 ? DataValue.F32((float)d) : DataValue.F64(d);
            return true;
        }
        return false;
    }
}
