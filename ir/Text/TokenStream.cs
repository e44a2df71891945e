namespace Stencil.Ir.Text;

/// <summary>Tokens with lookahead for the parser; comments are taken out of the stream and kept in
/// <see cref="Comments"/> in file order, so directives can be attached to the function they follow.</summary>
internal sealed class TokenStream(string text)
{
    private readonly Lexer _lexer = new(text);
    private readonly List<Token> _ahead = [];

    public List<Token> Comments { get; } = [];
    /// <summary>The last token consumed (the start of the text before anything is consumed).</summary>
    public Token Previous { get; private set; } = new(TokenKind.EndOfFile, "", 1, 1);

    public Token Peek(int k = 0)
    {
        while (_ahead.Count <= k)
        {
            var t = _lexer.Next();
            if (t.Kind == TokenKind.Comment) { Comments.Add(t); continue; }
            _ahead.Add(t);
            if (t.Kind == TokenKind.EndOfFile) break;
        }
        return _ahead[Math.Min(k, _ahead.Count - 1)];
    }

    public Token Next()
    {
        var t = Peek();
        if (t.Kind != TokenKind.EndOfFile) _ahead.RemoveAt(0);
        Previous = t;
        return t;
    }

    /// <summary>The raw rest of the current line (see <see cref="Lexer.RestOfLine"/>); only valid with no lookahead buffered.</summary>
    public string RestOfLine(out int line, out int column)
    {
        if (_ahead.Count != 0) throw new InvalidOperationException("lookahead is buffered");
        return _lexer.RestOfLine(out line, out column);
    }
}
