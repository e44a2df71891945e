namespace Stencil.Ir.Text;

/// <summary>
/// A token as the reader sees it: where its text lies in the source rather than a copy of that text, so
/// reading a file allocates no string per token. <see cref="Start"/> and <see cref="Length"/> cover what
/// <see cref="Token.Text"/> would hold (a name without its <c>%</c>, a location without its <c>@</c>);
/// <see cref="Line"/> and <see cref="Column"/> are those of the token's first character.
/// </summary>
internal readonly record struct RawToken(TokenKind Kind, int Start, int Length, int Line, int Column)
{
    public int End => Start + Length;

    /// <summary>Where the token begins in the text, its <c>%</c> or <c>@</c> included.</summary>
    public int Offset => Kind is TokenKind.Name or TokenKind.SourceLoc ? Start - 1 : Start;
}
