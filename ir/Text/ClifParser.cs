using Stencil.Ir.Diagnostics;
using static Stencil.Ir.Text.ReaderDiagnosticCodes;

namespace Stencil.Ir.Text;

/// <summary>Recursive-descent reader of a whole CLIF file (header lines, then functions), or of one part
/// of it (<see cref="ParsePreamble"/>, <see cref="ParseChunk"/>). One instance reads one text once; the
/// first problem ends the read with a <see cref="DiagnosticException"/>.</summary>
internal sealed class ClifParser
{
    private readonly TokenStream _ts;
    private readonly string? _file;
    private FunctionParser? _functions;

    public ClifParser(string text, string? fileName)
    {
        _ts = new TokenStream(text);
        _file = fileName;
    }

    /// <summary>A parser that starts at <paramref name="start"/>, on the given line, with whole-text positions.</summary>
    public ClifParser(string text, string? fileName, int start, int line, int column)
    {
        _ts = new TokenStream(text, start, line, start - (column - 1));
        _file = fileName;
    }

    private sealed record ReadFunction(Function Function, ClifLocation Start, ClifLocation End, int FirstComment, InstPositionTable Positions);

    private sealed class Header
    {
        public readonly List<ClifTestCommand> Tests = [];
        public readonly List<ClifSetting> Settings = [];
        public readonly List<ClifTarget> Targets = [];
    }

    public ClifFile ParseFile()
    {
        var header = new Header();
        var functions = new List<ReadFunction>();
        while (true)
        {
            var t = _ts.Peek();
            if (t.Kind == TokenKind.EndOfFile) break;
            if (_ts.IsWord(t, "function")) functions.Add(ReadOneFunction(t, LengthToNextFunction(t.Start)));
            else if (IsHeaderKeyword(t))
            {
                _ts.Next();
                ParseHeaderLine(t, header);
            }
            else throw NotAtTopLevel(t);
        }
        _ts.Peek(); // pulls trailing comments in
        var all = _ts.Comments;
        var result = new List<ClifFunction>(functions.Count);
        for (int i = 0; i < functions.Count; i++)
            result.Add(Assemble(functions[i], i + 1 < functions.Count ? functions[i + 1].FirstComment : all.Count));
        int headerEnd = functions.Count > 0 ? functions[0].FirstComment : all.Count;
        return new ClifFile(_file, header.Tests, header.Settings, header.Targets, result, Comments(0, headerEnd));
    }

    /// <summary>The header lines and comments before <paramref name="end"/>, where the first function starts;
    /// anything else there is an error.</summary>
    public ClifPreamble ParsePreamble(int end)
    {
        var header = new Header();
        while (true)
        {
            var t = _ts.Peek();
            if (t.Kind == TokenKind.EndOfFile || t.Offset >= end) break;
            if (IsHeaderKeyword(t))
            {
                _ts.Next();
                ParseHeaderLine(t, header);
            }
            else if (_ts.IsWord(t, "function"))
                throw Fail(UnexpectedToken, t, "expected `test`, `set` or `target`: to be read by chunks, a function must start its own line");
            else throw NotAtTopLevel(t);
        }
        return new ClifPreamble(header.Tests, header.Settings, header.Targets, Comments(0, CommentsBefore(end)));
    }

    /// <summary>The function at the start of <paramref name="chunk"/> (where this parser starts), with every
    /// comment up to the chunk's end; after the closing brace the chunk may hold only comments.</summary>
    public ClifFunction ParseChunk(ClifChunk chunk)
    {
        var read = ReadOneFunction(_ts.Peek(), chunk.Length);
        var close = _ts.Previous;
        if (close.End > chunk.End)
            throw Fail(UnexpectedToken, close, "the function runs past the end of its chunk");
        var next = _ts.Peek();
        if (next.Kind != TokenKind.EndOfFile && next.Offset < chunk.End)
        {
            if (!IsHeaderKeyword(next)) throw NotAtTopLevel(next);
            throw Fail(UnexpectedToken, next,
                $"expected only comments after the function up to the next `function`, found `{_ts.Span(next)}`: to be read by chunks, header lines must come before the first function");
        }
        return Assemble(read, CommentsBefore(chunk.End));
    }

    private ReadFunction ReadOneFunction(RawToken keyword, int expectedLength)
    {
        int firstComment = _ts.Comments.Count;
        var parser = _functions ??= new FunctionParser(this);
        var f = parser.Parse(expectedLength);
        return new ReadFunction(f, Loc(keyword), Loc(_ts.Previous), firstComment, parser.InstPositions);
    }

    /// <summary>The function with its comments <c>[FirstComment, lastComment)</c> and, among those after its
    /// closing brace, the directives.</summary>
    private ClifFunction Assemble(ReadFunction read, int lastComment)
    {
        var all = _ts.Comments;
        var end = read.End;
        var comments = new List<ClifComment>(lastComment - read.FirstComment);
        var directives = new List<ClifDirective>();
        for (int c = read.FirstComment; c < lastComment; c++)
        {
            var tok = all[c];
            comments.Add(new ClifComment(_ts.TextOf(tok), Loc(tok)));
            bool after = tok.Line > end.Line || (tok.Line == end.Line && tok.Column > end.Column);
            if (after && TryDirective(tok, out var d)) directives.Add(d);
        }
        return new ClifFunction(read.Function, read.Start, end, directives, comments) { InstructionPositions = read.Positions };
    }

    /// <summary>How far the next line that starts with <c>function</c> is (a size estimate only).</summary>
    private int LengthToNextFunction(int start)
    {
        var rest = _ts.Text.AsSpan(start);
        int next = rest.Length > 1 ? rest[1..].IndexOf("\nfunction", StringComparison.Ordinal) : -1;
        return next < 0 ? rest.Length : next + 1;
    }

    private int CommentsBefore(int end)
    {
        int n = _ts.Comments.Count;
        while (n > 0 && _ts.Comments[n - 1].Start >= end) n--;
        return n;
    }

    private List<ClifComment> Comments(int from, int to)
    {
        var list = new List<ClifComment>(to - from);
        for (int c = from; c < to; c++) list.Add(new ClifComment(_ts.TextOf(_ts.Comments[c]), Loc(_ts.Comments[c])));
        return list;
    }

    private bool IsHeaderKeyword(RawToken t) => _ts.IsWord(t, "test") || _ts.IsWord(t, "set") || _ts.IsWord(t, "target");

    private DiagnosticException NotAtTopLevel(RawToken t) => t.Kind == TokenKind.Error
        ? Fail(UnexpectedCharacter, t, $"unexpected {_ts.Describe(t)}")
        : Fail(UnexpectedToken, t, $"expected `function`, `test`, `set` or `target`, found {_ts.Describe(t)}");

    private bool TryDirective(RawToken comment, out ClifDirective directive)
    {
        var body = _ts.Span(comment)[1..].Trim();
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

    private void ParseHeaderLine(RawToken keyword, Header header)
    {
        var raw = _ts.RestOfLine(out int line, out int column);
        var words = SplitWords(raw, line, column);
        if (_ts.IsWord(keyword, "test"))
        {
            if (words.Count == 0) throw Fail(BadHeader, keyword, "`test` needs a test name, e.g. `test run`");
            header.Tests.Add(new ClifTestCommand(words[0].Text, words.Skip(1).Select(w => w.Text).ToArray(), Loc(keyword)));
        }
        else if (_ts.IsWord(keyword, "set"))
        {
            if (words.Count == 0) throw Fail(BadHeader, keyword, "`set` needs at least one setting, e.g. `set opt_level=speed`");
            foreach (var w in words) header.Settings.Add(ParseSetting(w));
        }
        else
        {
            if (words.Count == 0) throw Fail(BadHeader, keyword, "`target` needs a target triple, e.g. `target x86_64`");
            var triple = words[0];
            if (triple.Text.Contains('=')) throw Fail(BadHeader, triple, $"expected a target triple, found `{triple.Text}`");
            header.Targets.Add(new ClifTarget(triple.Text, words.Skip(1).Select(ParseSetting).ToArray(), header.Settings.ToArray(), Loc(keyword)));
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

    internal ClifLocation Loc(RawToken t) => new(_file, t.Line, t.Column);
    private ClifLocation Loc(Token t) => new(_file, t.Line, t.Column);

    internal DiagnosticException Fail(string code, RawToken at, string message) => Fail(code, at.Line, at.Column, message);
    private DiagnosticException Fail(string code, Token at, string message) => Fail(code, at.Line, at.Column, message);

    private DiagnosticException Fail(string code, int line, int column, string message) =>
        new(Diagnostic.Error(code, message, _file, line, column));
}
