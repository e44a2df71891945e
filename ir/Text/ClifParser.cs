using Stencil.Ir.Diagnostics;
using static Stencil.Ir.Text.ReaderDiagnosticCodes;

namespace Stencil.Ir.Text;

/// <summary>Recursive-descent reader of a whole CLIF file: header lines, then functions. One instance
/// reads one text; the first problem ends the read with a <see cref="DiagnosticException"/>.</summary>
internal sealed partial class ClifParser
{
    private readonly TokenStream _ts;
    private readonly string? _file;

    public ClifParser(string text, string? fileName)
    {
        _ts = new TokenStream(text);
        _file = fileName;
    }

    public ClifFile ParseFile()
    {
        var tests = new List<ClifTestCommand>();
        var settings = new List<ClifSetting>();
        var targets = new List<ClifTarget>();
        var functions = new List<(Function F, ClifLocation Start, ClifLocation End, int FirstComment, Dictionary<Entities.Inst, (int, int)> Positions)>();
        while (true)
        {
            var t = _ts.Peek();
            if (t.Kind == TokenKind.EndOfFile) break;
            if (t.IsWord("function"))
            {
                int firstComment = _ts.Comments.Count;
                var parser = new FunctionParser(this);
                var f = parser.Parse();
                functions.Add((f, Loc(t), Loc(_ts.Previous), firstComment, parser.InstPositions));
            }
            else if (t.IsWord("test") || t.IsWord("set") || t.IsWord("target"))
            {
                _ts.Next();
                ParseHeaderLine(t, tests, settings, targets);
            }
            else throw Fail(t.Kind == TokenKind.Error ? UnexpectedCharacter : UnexpectedToken, t,
                t.Kind == TokenKind.Error ? $"unexpected {t.Describe()}" : $"expected `function`, `test`, `set` or `target`, found {t.Describe()}");
        }
        _ts.Peek(); // pulls trailing comments in
        var all = _ts.Comments;
        var result = new List<ClifFunction>(functions.Count);
        for (int i = 0; i < functions.Count; i++)
        {
            var (f, start, end, first, positions) = functions[i];
            int last = i + 1 < functions.Count ? functions[i + 1].FirstComment : all.Count;
            var comments = new List<ClifComment>();
            var directives = new List<ClifDirective>();
            for (int c = first; c < last; c++)
            {
                var tok = all[c];
                comments.Add(new ClifComment(tok.Text, Loc(tok)));
                bool after = tok.Line > end.Line || (tok.Line == end.Line && tok.Column > end.Column);
                if (after && TryDirective(tok, out var d)) directives.Add(d);
            }
            result.Add(new ClifFunction(f, start, end, directives, comments) { InstructionPositions = positions });
        }
        int headerEnd = functions.Count > 0 ? functions[0].FirstComment : all.Count;
        var header = all.Take(headerEnd).Select(c => new ClifComment(c.Text, Loc(c))).ToList();
        return new ClifFile(_file, tests, settings, targets, result, header);
    }

    private bool TryDirective(Token comment, out ClifDirective directive)
    {
        var body = comment.Text.AsSpan(1).Trim();
        foreach (var kind in (ReadOnlySpan<string>)["run", "print"])
        {
            if (!body.StartsWith(kind, StringComparison.Ordinal)) continue;
            var rest = body[kind.Length..];
            if (rest.IsEmpty) { directive = new ClifDirective(kind, "", Loc(comment)); return true; }
            if (rest[0] == ':') { directive = new ClifDirective(kind, rest[1..].Trim().ToString(), Loc(comment)); return true; }
        }
        directive = null!;
        return false;
    }

    private void ParseHeaderLine(Token keyword, List<ClifTestCommand> tests, List<ClifSetting> settings, List<ClifTarget> targets)
    {
        var raw = _ts.RestOfLine(out int line, out int column);
        var words = SplitWords(raw, line, column);
        if (keyword.Text == "test")
        {
            if (words.Count == 0) throw Fail(BadHeader, keyword, "`test` needs a test name, e.g. `test run`");
            tests.Add(new ClifTestCommand(words[0].Text, words.Skip(1).Select(w => w.Text).ToArray(), Loc(keyword)));
        }
        else if (keyword.Text == "set")
        {
            if (words.Count == 0) throw Fail(BadHeader, keyword, "`set` needs at least one setting, e.g. `set opt_level=speed`");
            foreach (var w in words) settings.Add(ParseSetting(w));
        }
        else
        {
            if (words.Count == 0) throw Fail(BadHeader, keyword, "`target` needs a target triple, e.g. `target x86_64`");
            var triple = words[0];
            if (triple.Text.Contains('=')) throw Fail(BadHeader, triple, $"expected a target triple, found `{triple.Text}`");
            targets.Add(new ClifTarget(triple.Text, words.Skip(1).Select(ParseSetting).ToArray(), settings.ToArray(), Loc(keyword)));
        }
    }

    private ClifSetting ParseSetting(Token word)
    {
        int eq = word.Text.IndexOf('=');
        if (eq < 0) return new ClifSetting(word.Text, null, Loc(word));
        var name = word.Text[..eq];
        var value = word.Text[(eq + 1)..];
        if (name.Length == 0 || value.Length == 0 || value.Contains('='))
            throw Fail(BadHeader, word, $"expected `name=value` or a flag name, found `{word.Text}`");
        return new ClifSetting(name, value, Loc(word));
    }

    private static List<Token> SplitWords(string raw, int line, int column)
    {
        var words = new List<Token>();
        int i = 0;
        while (i < raw.Length)
        {
            while (i < raw.Length && char.IsWhiteSpace(raw[i])) i++;
            int start = i;
            while (i < raw.Length && !char.IsWhiteSpace(raw[i])) i++;
            if (i > start) words.Add(new Token(TokenKind.Identifier, raw[start..i], line, column + start));
        }
        return words;
    }

    internal TokenStream Tokens => _ts;

    internal ClifLocation Loc(Token t) => new(_file, t.Line, t.Column);

    internal DiagnosticException Fail(string code, Token at, string message) =>
        new(Diagnostic.Error(code, message, _file, at.Line, at.Column));
}
