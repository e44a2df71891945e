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

    /// <summary>All tokens of <paramref name="text"/> including comments, ending with one <see cref="TokenKind.EndOfFile"/>.</summary>
    public static List<Token> Tokenize(string text)
    {
        var lexer = new Lexer(text);
        var tokens = new List<Token>();
        Token t;
        do { t = lexer.Next(); tokens.Add(t); } while (t.Kind != TokenKind.EndOfFile);
        return tokens;
    }

    public Token Next()
    {
        SkipWhitespace();
        int line = _line, col = _pos - _lineStart + 1;
        if (_pos >= _text.Length) return new Token(TokenKind.EndOfFile, "", line, col);
        char c = _text[_pos];
        int start = _pos;
        switch (c)
        {
            case ';':
                while (_pos < _text.Length && _text[_pos] is not ('\n' or '\r')) _pos++;
                return new Token(TokenKind.Comment, _text[start.._pos], line, col);
            case '(': _pos++; return new Token(TokenKind.LParen, "(", line, col);
            case ')': _pos++; return new Token(TokenKind.RParen, ")", line, col);
            case '{': _pos++; return new Token(TokenKind.LBrace, "{", line, col);
            case '}': _pos++; return new Token(TokenKind.RBrace, "}", line, col);
            case '[': _pos++; return new Token(TokenKind.LBracket, "[", line, col);
            case ']': _pos++; return new Token(TokenKind.RBracket, "]", line, col);
            case ',': _pos++; return new Token(TokenKind.Comma, ",", line, col);
            case '.': _pos++; return new Token(TokenKind.Dot, ".", line, col);
            case ':': _pos++; return new Token(TokenKind.Colon, ":", line, col);
            case '=': _pos++; return new Token(TokenKind.Equal, "=", line, col);
            case '*': _pos++; return new Token(TokenKind.Star, "*", line, col);
            case '%':
                _pos++;
                while (_pos < _text.Length && IsWordChar(_text[_pos])) _pos++;
                if (_pos == start + 1) return new Token(TokenKind.Error, "%", line, col);
                return new Token(TokenKind.Name, _text[(start + 1).._pos], line, col);
            case '@':
                _pos++;
                while (_pos < _text.Length && char.IsAsciiHexDigit(_text[_pos])) _pos++;
                if (_pos == start + 1) return new Token(TokenKind.Error, "@", line, col);
                return new Token(TokenKind.SourceLoc, _text[(start + 1).._pos], line, col);
        }
        if (c == '-' && Peek(1) == '>') { _pos += 2; return new Token(TokenKind.Arrow, "->", line, col); }
        if (char.IsAsciiDigit(c) || (c is '+' or '-' && StartsNumberAfterSign(_pos + 1)))
            return ScanNumber(line, col);
        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (_pos < _text.Length && IsWordChar(_text[_pos])) _pos++;
            var word = _text[start.._pos];
            if (IsFloatWord(word)) { ScanNanPayload(); return new Token(TokenKind.Float, _text[start.._pos], line, col); }
            return new Token(TokenKind.Identifier, word, line, col);
        }
        _pos++;
        // Keep a surrogate pair together so the message names one character.
        if (char.IsHighSurrogate(c) && _pos < _text.Length && char.IsLowSurrogate(_text[_pos])) _pos++;
        return new Token(TokenKind.Error, _text[start.._pos], line, col);
    }

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

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
    private static bool IsFloatWord(string w) => w is "NaN" or "Inf" or "sNaN";

    private bool StartsNumberAfterSign(int i)
    {
        if (i >= _text.Length) return false;
        if (char.IsAsciiDigit(_text[i])) return true;
        int end = i;
        while (end < _text.Length && IsWordChar(_text[end])) end++;
        return IsFloatWord(_text[i..end]);
    }

    private Token ScanNumber(int line, int col)
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
        var word = _text[body.._pos];
        if (IsFloatWord(word)) { ScanNanPayload(); isFloat = true; }
        return new Token(isFloat ? TokenKind.Float : TokenKind.Integer, _text[start.._pos], line, col);
    }

    /// <summary>After <c>NaN</c> / <c>sNaN</c>: an optional <c>:0x&lt;payload&gt;</c>.</summary>
    private void ScanNanPayload()
    {
        if (Peek(0) != ':' || Peek(1) != '0' || Peek(2) is not ('x' or 'X')) return;
        _pos += 3;
        while (_pos < _text.Length && (char.IsAsciiHexDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n') { _pos++; NewLine(); }
            else if (c == '\r') { _pos++; if (Peek(0) == '\n') _pos++; NewLine(); }
            else if (c is ' ' or '\t' or '\f' or '\v') _pos++;
            else break;
        }
    }

    private void NewLine() { _line++; _lineStart = _pos; }
}
