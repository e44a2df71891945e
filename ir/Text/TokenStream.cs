namespace Stencil.Ir.Text;

/// <summary>Tokens with lookahead for the parser; comments are taken out of the stream and kept in
/// <see cref="Comments"/> in file order, so directives can be attached to the function they follow.
/// Token text stays in the source: <see cref="Span"/> reads it, <see cref="TextOf"/> copies it for messages.</summary>
internal sealed class TokenStream
{
    private readonly string _text;
    private readonly Lexer _lexer;
    // A ring of lookahead tokens; the parser never looks more than two tokens ahead.
    private readonly RawToken[] _ahead = new RawToken[4];
    private int _head, _count;

    public TokenStream(string text) : this(text, new Lexer(text)) { }

    /// <summary>Reads from <paramref name="start"/>, keeping the positions of the whole text (see <see cref="Lexer"/>).</summary>
    public TokenStream(string text, int start, int line, int lineStart) : this(text, new Lexer(text, start, line, lineStart)) { }

    private TokenStream(string text, Lexer lexer)
    {
        _text = text;
        _lexer = lexer;
    }

    public List<RawToken> Comments { get; } = [];
    /// <summary>The last token consumed (the start of the text before anything is consumed).</summary>
    public RawToken Previous { get; private set; } = new(TokenKind.EndOfFile, 0, 0, 1, 1);

    public RawToken Peek() => _count > 0 ? _ahead[_head] : Fill(0);

    public RawToken Peek(int k) => k < _count ? _ahead[(_head + k) & 3] : Fill(k);

    private RawToken Fill(int k)
    {
        while (_count <= k)
        {
            if (_count > 0 && _ahead[(_head + _count - 1) & 3].Kind == TokenKind.EndOfFile) return _ahead[(_head + _count - 1) & 3];
            var t = _lexer.NextRaw();
            if (t.Kind == TokenKind.Comment) { Comments.Add(t); continue; }
            _ahead[(_head + _count) & 3] = t;
            _count++;
        }
        return _ahead[(_head + k) & 3];
    }

    public RawToken Next()
    {
        var t = Peek();
        if (t.Kind != TokenKind.EndOfFile)
        {
            _head = (_head + 1) & 3;
            _count--;
        }
        Previous = t;
        return t;
    }

    public ReadOnlySpan<char> Span(RawToken t) => _text.AsSpan(t.Start, t.Length);

    public string TextOf(RawToken t) => _text.Substring(t.Start, t.Length);

    public bool IsWord(RawToken t, string word) => t.Kind == TokenKind.Identifier && Span(t).SequenceEqual(word);

    /// <summary>See <see cref="Token.Describe()"/>.</summary>
    public string Describe(RawToken t) => Token.Describe(t.Kind, Span(t));

    /// <summary>The raw rest of the current line (see <see cref="Lexer.RestOfLine"/>); only valid with no lookahead buffered.</summary>
    public string RestOfLine(out int line, out int column)
    {
        if (_count != 0) throw new InvalidOperationException("lookahead is buffered");
        return _lexer.RestOfLine(out line, out column);
    }
}
