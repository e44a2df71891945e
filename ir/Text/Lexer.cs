namespace Stencil.Ir.Text;

/// <summary>
/// Splits CLIF text into tokens on demand. Never throws: a character that starts no token becomes an
/// <see cref="TokenKind.Error"/> token so the parser reports it at its exact position, and only if it
/// gets that far (the first problem in file order wins).
/// </summary>
public sealed class Lexer
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public Lexer(string text) => _text = text ?? "";

    /// <summary>Starts at <paramref name="start"/>, which lies on line <paramref name="line"/> of the text,
    /// whose first character is at <paramref name="lineStart"/>; positions stay those of the whole text.</summary>
    internal Lexer(string text, int start, int line, int lineStart)
    {
        _text = text;
        _pos = start;
        _line = line;
        _lineStart = lineStart;
    }

    /// <summary>All tokens of <paramref name="text"/> including comments, ending with one <see cref="TokenKind.EndOfFile"/>.</summary>
    public static List<Token> Tokenize(string text)
    {
        var lexer = new Lexer(text);
        var tokens = new List<Token>();
        Token t;
        do { t = lexer.Next(); tokens.Add(t); } while (t.Kind != TokenKind.EndOfFile);
        return tokens;
    }

    public Token Next() => ToToken(NextRaw());

    internal string Text => _text;

    internal Token ToToken(RawToken t) => new(t.Kind, _text.Substring(t.Start, t.Length), t.Line, t.Column);

    internal RawToken NextRaw()
    {
        // Whitespace and words make up most of a text, so they are scanned here with locals; the
        // rest goes through the general cases below.
        string text = _text;
        int pos = _pos;
        while ((uint)pos < (uint)text.Length)
        {
            char w = text[pos];
            if (w is ' ' or '\t' or '\f' or '\v') pos++;
            else if (w == '\n') { pos++; _line++; _lineStart = pos; }
            else if (w == '\r')
            {
                pos++;
                if ((uint)pos < (uint)text.Length && text[pos] == '\n') pos++;
                _line++;
                _lineStart = pos;
            }
            else break;
        }
        _pos = pos;
        int line = _line, col = pos - _lineStart + 1;
        int start = pos;
        if ((uint)pos >= (uint)text.Length) return new RawToken(TokenKind.EndOfFile, start, 0, line, col);
        char c = text[pos];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            pos++;
            while ((uint)pos < (uint)text.Length && IsWordChar(text[pos])) pos++;
            _pos = pos;
            if (c is 'N' or 'I' or 's' && IsFloatWord(text.AsSpan(start, pos - start))) { ScanNanPayload(); return Made(TokenKind.Float, start, line, col); }
            return new RawToken(TokenKind.Identifier, start, pos - start, line, col);
        }
        switch (c)
        {
            case ';':
                while (_pos < _text.Length && _text[_pos] is not ('\n' or '\r')) _pos++;
                return Made(TokenKind.Comment, start, line, col);
            case '(': return Single(TokenKind.LParen, line, col);
            case ')': return Single(TokenKind.RParen, line, col);
            case '{': return Single(TokenKind.LBrace, line, col);
            case '}': return Single(TokenKind.RBrace, line, col);
            case '[': return Single(TokenKind.LBracket, line, col);
            case ']': return Single(TokenKind.RBracket, line, col);
            case ',': return Single(TokenKind.Comma, line, col);
            case '.': return Single(TokenKind.Dot, line, col);
            case ':': return Single(TokenKind.Colon, line, col);
            case '=': return Single(TokenKind.Equal, line, col);
            case '*': return Single(TokenKind.Star, line, col);
            case '%':
                _pos++;
                while (_pos < _text.Length && IsWordChar(_text[_pos])) _pos++;
                if (_pos == start + 1) return Made(TokenKind.Error, start, line, col);
                return Made(TokenKind.Name, start + 1, line, col);
            case '@':
                _pos++;
                while (_pos < _text.Length && char.IsAsciiHexDigit(_text[_pos])) _pos++;
                if (_pos == start + 1) return Made(TokenKind.Error, start, line, col);
                return Made(TokenKind.SourceLoc, start + 1, line, col);
        }
        if (c == '-' && Peek(1) == '>') { _pos += 2; return Made(TokenKind.Arrow, start, line, col); }
        if (char.IsAsciiDigit(c) || (c is '+' or '-' && StartsNumberAfterSign(_pos + 1)))
            return ScanNumber(line, col);
        _pos++;
        // Keep a surrogate pair together so the message names one character.
        if (char.IsHighSurrogate(c) && _pos < _text.Length && char.IsLowSurrogate(_text[_pos])) _pos++;
        return Made(TokenKind.Error, start, line, col);
    }

    private RawToken Single(TokenKind kind, int line, int col) => new(kind, _pos++, 1, line, col);

    private RawToken Made(TokenKind kind, int start, int line, int col) => new(kind, start, _pos - start, line, col);

    /// <summary>
    /// The raw text from the current position to the end of the line, stopping before a comment; the
    /// lexer continues after it. Header lines (<c>target x86_64-unknown-linux has_avx=false</c>) are
    /// word lists, not CLIF tokens, so the parser reads them this way. Returns the 1-based column of
    /// the first character returned.
    /// </summary>
    public string RestOfLine(out int line, out int column)
    {
        line = _line;
        column = _pos - _lineStart + 1;
        int start = _pos;
        while (_pos < _text.Length && _text[_pos] is not ('\n' or '\r' or ';')) _pos++;
        return _text[start.._pos];
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    internal static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
    private static bool IsFloatWord(ReadOnlySpan<char> w) => w is "NaN" or "Inf" or "sNaN";

    private bool StartsNumberAfterSign(int i)
    {
        if (i >= _text.Length) return false;
        if (char.IsAsciiDigit(_text[i])) return true;
        int end = i;
        while (end < _text.Length && IsWordChar(_text[end])) end++;
        return IsFloatWord(_text.AsSpan(i, end - i));
    }

    private RawToken ScanNumber(int line, int col)
    {
        int start = _pos;
        if (_text[_pos] is '+' or '-') _pos++;
        int body = _pos;
        bool hex = Peek(0) == '0' && Peek(1) is 'x' or 'X';
        bool isFloat = false;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (IsWordChar(c)) { if (c is 'p' or 'P' && hex) isFloat = true; _pos++; }
            else if (c == '.') { isFloat = true; _pos++; }
            else if (c is '+' or '-' && hex && _text[_pos - 1] is 'p' or 'P') _pos++;
            else break;
        }
        if (IsFloatWord(_text.AsSpan(body, _pos - body))) { ScanNanPayload(); isFloat = true; }
        return Made(isFloat ? TokenKind.Float : TokenKind.Integer, start, line, col);
    }

    /// <summary>After <c>NaN</c> / <c>sNaN</c>: an optional <c>:0x&lt;payload&gt;</c>.</summary>
    private void ScanNanPayload()
    {
        if (Peek(0) != ':' || Peek(1) != '0' || Peek(2) is not ('x' or 'X')) return;
        _pos += 3;
        while (_pos < _text.Length && (char.IsAsciiHexDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
    }

}
