namespace Stencil.Ir.Text;

/// <summary>One token with its 1-based line and column (columns count UTF-16 code units; a tab is one column).</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Line, int Column)
{
    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;
    public bool IsWord(string text) => Kind == TokenKind.Identifier && Text == text;

    /// <summary>How the token reads in a message: quoted text, or a description at end of file.</summary>
    public string Describe() => Describe(Kind, Text);

    internal static string Describe(TokenKind kind, ReadOnlySpan<char> text) => kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Name => $"`%{text}`",
        TokenKind.SourceLoc => $"`@{text}`",
        TokenKind.Error => $"character {DescribeChar(text)}",
        _ => $"`{text}`",
    };

    private static string DescribeChar(ReadOnlySpan<char> text) =>
        text.Length == 1 && (char.IsControl(text[0]) || text[0] > '~') ? $"U+{(int)text[0]:X4}" : $"`{text}`";
}
