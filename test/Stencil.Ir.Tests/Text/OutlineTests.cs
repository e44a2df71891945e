using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

[TestClass]
public sealed class OutlineTests
{
    [TestMethod]
    public void FindsFunctionsThatStartALine()
    {
        const string text = "test run\r\n; function %not(a comment)\r\n  function %first() {\r\nblock0:\r\n    return\r\n}\r\n"
            + "; run: %first()\n\tfunction\n%second() {\nblock0:\n  return\n} function %same_line() {\n}\rfunction u0:1() {\n}\nfunctions\nfunction";
        var outline = ClifReader.Outline(text);

        var expected = new[]
        {
            (Line: 3, Column: 3, Name: "first"),
            (Line: 8, Column: 2, Name: "second"),
            (Line: 14, Column: 1, Name: ""),
            (Line: 17, Column: 1, Name: ""),
        };
        Assert.HasCount(expected.Length, outline.Chunks);
        Assert.AreEqual(text.IndexOf("  function", StringComparison.Ordinal) + 2, outline.PreambleEnd);
        for (int i = 0; i < expected.Length; i++)
        {
            var c = outline.Chunks[i];
            Assert.AreEqual("function", text.Substring(c.Start, 8), $"chunk {i}");
            Assert.AreEqual((expected[i].Line, expected[i].Column), (c.Line, c.Column), $"chunk {i}");
            Assert.AreEqual(expected[i].Name, text.Substring(c.NameStart, c.NameLength), $"chunk {i}");
            Assert.AreEqual(expected[i].Name.Length > 0, c.HasSymbolName, $"chunk {i}");
            Assert.AreEqual(i + 1 < expected.Length ? outline.Chunks[i + 1].Start : text.Length, c.End, $"chunk {i}");
        }
    }

    [TestMethod]
    public void TextWithoutFunctionsIsAllPreamble()
    {
        foreach (var text in new[] { "", "test run\n", "; only a comment", "function_like = 1\n  xfunction\n" })
        {
            var outline = ClifReader.Outline(text);
            Assert.IsEmpty(outline.Chunks, text);
            Assert.AreEqual(text.Length, outline.PreambleEnd, text);
        }
    }

    [TestMethod]
    public void ChunkLinesAndColumnsAreTheLexers()
    {
        var rng = new Random(5);
        var pieces = new[] { "function", "function %f", " ", "\t", "\r", "\n", "\r\n", "x", ";", "%", "\f", "\v", "é", "\u2028" };
        for (int round = 0; round < 500; round++)
        {
            var text = string.Concat(Enumerable.Range(0, rng.Next(40)).Select(_ => pieces[rng.Next(pieces.Length)]));
            var outline = ClifReader.Outline(text);
            foreach (var chunk in outline.Chunks)
            {
                // The chunk starts with a token `function`, wherever the lexer, reading from the top, puts it.
                var token = Lexer.Tokenize(text).First(t => t.Line == chunk.Line && t.Column == chunk.Column);
                Assert.IsTrue(token.IsWord("function"), $"round {round}: {text}");
            }
        }
    }

    [TestMethod]
    public void AnyTextOutlinesIntoContiguousChunks()
    {
        var rng = new Random(77);
        for (int round = 0; round < 2000; round++)
        {
            var chars = new char[rng.Next(200)];
            for (int i = 0; i < chars.Length; i++)
                chars[i] = rng.Next(4) == 0 ? "function%\n\r \t;{}"[rng.Next(16)] : (char)rng.Next(0, 0x3000);
            var text = new string(chars);
            var outline = ClifReader.Outline(text);
            int at = outline.PreambleEnd;
            foreach (var c in outline.Chunks)
            {
                Assert.AreEqual(at, c.Start, $"round {round}");
                Assert.IsLessThan(c.End, c.Start, $"round {round}");
                Assert.IsTrue(c.NameStart >= c.Start && c.NameStart + c.NameLength <= c.End, $"round {round}");
                at = c.End;
            }
            Assert.AreEqual(text.Length, at, $"round {round}");
        }
    }
}
