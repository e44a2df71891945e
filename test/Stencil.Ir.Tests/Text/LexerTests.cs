using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

[TestClass]
public sealed class LexerTests
{
    [TestMethod]
    public void TokensCarryExactLineAndColumn()
    {
        var tokens = Lexer.Tokenize("function %f(i32) {\n  v0 = iconst.i32 -5 ; note\n}");
        var expected = new (TokenKind Kind, string Text, int Line, int Col)[]
        {
            (TokenKind.Identifier, "function", 1, 1), (TokenKind.Name, "f", 1, 10), (TokenKind.LParen, "(", 1, 12),
            (TokenKind.Identifier, "i32", 1, 13), (TokenKind.RParen, ")", 1, 16), (TokenKind.LBrace, "{", 1, 18),
            (TokenKind.Identifier, "v0", 2, 3), (TokenKind.Equal, "=", 2, 6), (TokenKind.Identifier, "iconst", 2, 8),
            (TokenKind.Dot, ".", 2, 14), (TokenKind.Identifier, "i32", 2, 15), (TokenKind.Integer, "-5", 2, 19),
            (TokenKind.Comment, "; note", 2, 22), (TokenKind.RBrace, "}", 3, 1), (TokenKind.EndOfFile, "", 3, 2),
        };
        Assert.HasCount(expected.Length, tokens);
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], (tokens[i].Kind, tokens[i].Text, tokens[i].Line, tokens[i].Column), $"token {i}");
    }

    [TestMethod]
    [DataRow("0x1.8p1")]
    [DataRow("-0x0.0p0")]
    [DataRow("0x1.p-16382")]
    [DataRow("NaN")]
    [DataRow("+Inf")]
    [DataRow("-sNaN:0x1")]
    [DataRow("NaN:0x4_0000")]
    [DataRow("0.0")]
    [DataRow("-0x4.2")]
    public void FloatLiteralsAreOneToken(string text)
    {
        var tokens = Lexer.Tokenize(text);
        Assert.HasCount(2, tokens);
        Assert.AreEqual(TokenKind.Float, tokens[0].Kind);
        Assert.AreEqual(text, tokens[0].Text);
    }

    [TestMethod]
    public void OffsetsSplitFromEntities()
    {
        var tokens = Lexer.Tokenize("gv0+8 ss7-16 0xffff_0000 -> @00a1 u1:2");
        Assert.AreEqual("Identifier:gv0 Integer:+8 Identifier:ss7 Integer:-16 Integer:0xffff_0000 Arrow:-> SourceLoc:00a1 Identifier:u1 Colon:: Integer:2 EndOfFile:",
            string.Join(" ", tokens.Select(t => $"{t.Kind}:{t.Text}")));
    }

    [TestMethod]
    public void CrLfAndTabsCountAsOneColumnAndOneLine()
    {
        var tokens = Lexer.Tokenize("a\r\n\tb\rc");
        Assert.AreEqual((2, 2), (tokens[1].Line, tokens[1].Column));
        Assert.AreEqual((3, 1), (tokens[2].Line, tokens[2].Column));
    }

    [TestMethod]
    public void UnknownCharactersBecomeErrorTokensAndLexingContinues()
    {
        var tokens = Lexer.Tokenize("v0 $ \u0001 % @ v1");
        Assert.AreEqual("Identifier Error Error Error Error Identifier EndOfFile", string.Join(" ", tokens.Select(t => t.Kind)));
        Assert.AreEqual((1, 4), (tokens[1].Line, tokens[1].Column));
        Assert.AreEqual("character U+0001", tokens[2].Describe());
    }
}
