namespace Stencil.Ir.Text;

/// <summary>Tokens with lookahead for the parser; comments are taken out of the stream and kept in
/// <see cref="Comments"/> in file order, so directives can be attached to the function they follow.
/// Token text stays in the source: <see cref="Span"/> reads it, <see cref="TextOf"/> copies it for messages.</summary>
internal sealed class TokenStream
{
    private readonly string _text;
    private readonly Lexer _lexer;
    // Lookahead: the parser never looks more than one token past the next, so two slots do.
    private RawToken _next, _afterNext;
    private int _buffered;

    public TokenStream(string text) : this(text, new Lexer(text)) { }

    /// <summary>Reads from <paramref name="start"/>, keeping the positions of the whole text (see <see cref="Lexer"/>).</summary>
    public TokenStream(string text, int start, int line, int lineStart) : this(text, new Lexer(text, start, line, lineStart)) { }

    private TokenStream(string text, Lexer lexer)
    {
        _text = text;
        _lexer = lexer;
    }

    public string Text => _text;

    public List<RawToken> Comments { get; } = [];
    /// <summary>The last token consumed (the start of the text before anything is consumed).</summary>
    public RawToken Previous { get; private set; } = new(TokenKind.EndOfFile, 0, 0, 1, 1);

    public RawToken Peek()
    {
        if (_buffered == 0) { _next = Lex(); _buffered = 1; }
        return _next;
    }

    /// <summary>The token <paramref name="k"/> places ahead (0 or 1); end of file once the text is used up.</summary>
    public RawToken Peek(int k)
    {
        if (k == 0) return Peek();
        if (k != 1) throw new ArgumentOutOfRangeException(nameof(k), "the parser looks at most one token past the next");
        var next = Peek();
        if (_buffered == 1) { _afterNext = next.Kind == TokenKind.EndOfFile ? next : Lex(); _buffered = 2; }
        return _afterNext;
    }

    public RawToken Next()
    {
        var t = Peek();
        if (t.Kind != TokenKind.EndOfFile)
        {
            _next = _afterNext;
            _buffered--;
        }
        Previous = t;
        return t;
    }

    private RawToken Lex()
    {
        while (true)
        {
            var t = _lexer.NextRaw();
            if (t.Kind != TokenKind.Comment) return t;
            Comments.Add(t);
        }
    }

    public ReadOnlySpan<char> Span(RawToken t) => _text.AsSpan(t.Start, t.Length);

    public string TextOf(RawToken t) => _text.Substring(t.Start, t.Length);

    public bool IsWord(RawToken t, string word) => t.Kind == TokenKind.Identifier && Span(t).SequenceEqual(word);

    /// <summary>See <see cref="Token.Describe()"/>.</summary>
    public string Describe(RawToken t) => Token.Describe(t.Kind, Span(t));

    /// <summary>The raw rest of the current line (see <see cref="Lexer.RestOfLine"/>); only valid with no lookahead buffered.</summary>
    public string RestOfLine(out int line, out int column)
    {
        if (_buffered != 0) throw new InvalidOperationException("lookahead is buffered");
        return _lexer.RestOfLine(out line, out column);
    }
}
