namespace Stencil.Ir.Text;

/// <summary>The kinds of token in CLIF text. Words (opcodes, types, entity names such as <c>v3</c>)
/// are all <see cref="Identifier"/>: what a word means depends on where the parser meets it.</summary>
public enum TokenKind : byte
{
    EndOfFile,
    /// <summary>A character no token starts with; <see cref="Token.Text"/> holds it.</summary>
    Error,
    /// <summary><c>; ...</c> to the end of the line, including the semicolon.</summary>
    Comment,
    Identifier,
    /// <summary><c>%name</c>; the text excludes the percent sign.</summary>
    Name,
    /// <summary>Decimal or hexadecimal integer with an optional sign: <c>42</c>, <c>-7</c>, <c>+8</c>, <c>0xff_ff</c>.</summary>
    Integer,
    /// <summary>Float literal: <c>0x1.8p1</c>, <c>-0.0</c>, <c>+Inf</c>, <c>NaN</c>, <c>-sNaN:0x1</c>.</summary>
    Float,
    /// <summary><c>@0001</c>; the text excludes the at sign.</summary>
    SourceLoc,
    LParen, RParen, LBrace, RBrace, LBracket, RBracket,
    Comma, Dot, Colon, Equal, Arrow, Star,
}
