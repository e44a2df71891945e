using Stencil.Ir.Diagnostics;
using Stencil.Ir.Generation;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

/// <summary>Reading a text chunk by chunk gives what <see cref="ClifReader.ParseFile"/> gives, and accepts nothing it rejects.</summary>
[TestClass]
public sealed class ChunkReaderTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string TwoFunctions = """
        test run
        ; header comment
        target x86_64

        function %add(i32, i32) -> i32 {
        block0(v0: i32, v1: i32):
            v2 = iadd v0, v1 ; sum
            return v2
        }
        ; run: %add(1, 2) == 3

        function %neg(i64) -> i64 {
        block0(v0: i64):
        @0010 v1 = ineg v0
              return v1
        }
        ; print: %neg(1)
        """;

    [TestMethod]
    public void ChunksReadAsTheWholeFileDoes()
    {
        var whole = ClifReader.ParseFile(TwoFunctions, "two.clif");
        var (preamble, functions) = ChunkwiseRead.Read(TwoFunctions, "two.clif");
        Assert.AreEqual(ChunkwiseRead.Render(whole), ChunkwiseRead.Render(preamble, functions));
        Assert.AreEqual(new ClifLocation("two.clif", 12, 1), functions[1].Location);
        Assert.AreEqual((14, 1), functions[1].InstructionPositions[new Entities.Inst(0)]);
        Assert.AreEqual("print", functions[1].Directives.Single().Kind);
    }

    [TestMethod]
    public void GeneratedModulesReadTheSameByChunks() => AssertReadTheSameByChunks(
    [
        ("generated", string.Join("\n", new RandomFunctionGenerator(2026).GenerateModule(60, 105).Select(ClifWriter.Write))),
        ("generated-crlf", string.Join("\r\n", new RandomFunctionGenerator(7).GenerateModule(20, 200).Select(f => ClifWriter.Write(f).Replace("\n", "\r\n")))),
    ]);

    [TestMethod]
    public void EveryConformanceFileReadsTheSameByChunks() =>
        AssertReadTheSameByChunks(ConformanceTests.CorpusFiles(SharedCorpus.Require("cranelift-runtests")));

    private void AssertReadTheSameByChunks(IReadOnlyList<(string Name, string Text)> texts)
    {
        int functions = 0;
        foreach (var (name, text) in texts)
        {
            var whole = ClifReader.ParseFile(text, name);
            var (preamble, chunks) = ChunkwiseRead.Read(text, name);
            Assert.AreEqual(ChunkwiseRead.Render(whole), ChunkwiseRead.Render(preamble, chunks), name);
            functions += chunks.Count;
        }
        Assert.IsGreaterThan(0, functions);
        TestContext.WriteLine($"{texts.Count} texts, {functions} functions read the same by chunks");
    }

    [TestMethod]
    public void WhatChunksAcceptTheWholeFileAccepts()
    {
        var corpus = new List<string> { TwoFunctions };
        // The corpus only adds seeds: without it the mutations start from the built-in text alone.
        var folder = SharedCorpus.Find("cranelift-runtests");
        if (folder is not null)
            corpus.AddRange(Directory.GetFiles(folder, "*.clif").Order(StringComparer.Ordinal).Take(40).Select(File.ReadAllText));
        var rng = new Random(8080);
        int accepted = 0, rejected = 0;
        for (int i = 0; i < 3000; i++)
        {
            var text = TextMutator.Mutate(corpus[rng.Next(corpus.Count)], rng);
            (ClifPreamble, List<ClifFunction>) byChunks;
            try { byChunks = ChunkwiseRead.Read(text, "m.clif"); }
            catch (DiagnosticException e)
            {
                rejected++;
                Assert.StartsWith("STN10", e.Diagnostic.Code, $"case {i}");
                continue;
            }
            accepted++;
            ClifFile whole;
            try { whole = ClifReader.ParseFile(text, "m.clif"); }
            catch (DiagnosticException e) { Assert.Fail($"case {i}: read by chunks but not whole: {e.Diagnostic}\n--- input ---\n{text}"); return; }
            Assert.AreEqual(ChunkwiseRead.Render(whole), ChunkwiseRead.Render(byChunks.Item1, byChunks.Item2), $"case {i}");
        }
        TestContext.WriteLine($"3000 mutated texts: {accepted} read by chunks, {rejected} rejected");
        Assert.IsGreaterThan(0, accepted);
        Assert.IsGreaterThan(0, rejected);
    }

    [TestMethod]
    public void AHeaderLineBetweenFunctionsIsRejectedByChunksOnly()
    {
        var text = TwoFunctions.Replace("\nfunction %neg", "\nset opt_level=none\nfunction %neg", StringComparison.Ordinal);
        Assert.HasCount(2, ClifReader.ParseFile(text).Functions);
        var outline = ClifReader.Outline(text);
        var e = Assert.ThrowsExactly<DiagnosticException>(() => ClifReader.ParseChunk(text, outline.Chunks[0], "h.clif"));
        Assert.AreEqual((ReaderDiagnosticCodes.UnexpectedToken, "h.clif", 12, 1), (e.Diagnostic.Code, e.Diagnostic.File, e.Diagnostic.Line, e.Diagnostic.Column));
        StringAssert.Contains(e.Diagnostic.Message, "header lines must come before the first function");
    }

    [TestMethod]
    [DataRow("}\n; run: %add(1, 2) == 3\n", "}\n  v9 = iconst.i32 1\n; run: %add(1, 2) == 3\n")]
    [DataRow("    return v2\n}", "    return v2\n")]
    [DataRow("v2 = iadd v0, v1", "v2 = iadd v0, v1 $")]
    [DataRow("function %neg(i64)", "function %neg(i64, )")]
    public void ChunkDiagnosticsAreThoseOfTheWholeFile(string find, string replace)
    {
        var text = TwoFunctions.Replace(find, replace, StringComparison.Ordinal);
        var whole = Assert.ThrowsExactly<DiagnosticException>(() => ClifReader.ParseFile(text, "d.clif")).Diagnostic;
        var outline = ClifReader.Outline(text);
        Diagnostic? byChunk = null;
        foreach (var chunk in outline.Chunks)
        {
            try { ClifReader.ParseChunk(text, chunk, "d.clif"); }
            catch (DiagnosticException e) { byChunk = e.Diagnostic; break; }
        }
        Assert.AreEqual(whole, byChunk);
    }

    [TestMethod]
    public void ThePreambleHoldsOnlyHeaderLinesAndComments()
    {
        const string text = "test run\nset opt_level=speed ; fast\ntarget x86_64 has_avx\n; note\nfunction %f() {\nblock0:\n  return\n}\n";
        var preamble = ClifReader.ParsePreamble(text, ClifReader.Outline(text), "p.clif");
        Assert.AreEqual("run", preamble.TestCommands.Single().Name);
        Assert.AreEqual("speed", preamble.Settings.Single().Value);
        Assert.AreEqual("x86_64", preamble.Targets.Single().Triple);
        CollectionAssert.AreEqual(new[] { "; fast", "; note" }, preamble.Comments.Select(c => c.Text).ToArray());

        const string bad = "test run\nv0 = iconst.i32 1\nfunction %f() {\nblock0:\n  return\n}\n";
        var e = Assert.ThrowsExactly<DiagnosticException>(() => ClifReader.ParsePreamble(bad, ClifReader.Outline(bad), "p.clif"));
        Assert.AreEqual(Assert.ThrowsExactly<DiagnosticException>(() => ClifReader.ParseFile(bad, "p.clif")).Diagnostic, e.Diagnostic);
    }

    [TestMethod]
    public void AChunkThatDoesNotLieInTheTextIsAnArgumentError()
    {
        var chunk = ClifReader.Outline(TwoFunctions).Chunks[0];
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ClifReader.ParseChunk(TwoFunctions, chunk with { End = TwoFunctions.Length + 1 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ClifReader.ParseChunk(TwoFunctions, chunk with { Column = chunk.Start + 2 }));
    }
}
