using Stencil.Isa.S390x;

namespace Stencil.Isa.Tests.S390x;

/// <summary>
/// The encoder and printer against Cranelift's s390x emitter cases (<c>cranelift-s390x/encodings.tsv</c>: hex and
/// assembly per line): each line's assembly, parsed and encoded through the opcode table, must give the hex; and the
/// hex, decoded and printed, must give the assembly (relative targets as <c>.+N</c>). Every case that does not is
/// listed, with its reason, in <c>test/expectations/cranelift-s390x/encodings.tsv</c>.
/// </summary>
[TestClass]
public sealed class S390xEncodingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void EncodingsCorpusEncodesAndPrintsAsCraneliftDoes()
    {
        var path = Path.Combine(SharedCorpus.Require("cranelift-s390x"), "encodings.tsv");
        var lines = File.ReadAllLines(path);
        var outcomes = new List<Expectation>();
        int cases = 0;
        for (int n = 2; n <= lines.Length; n++)
        {
            var cells = lines[n - 1].Split('\t');
            if (cells.Length != 2) Assert.Fail($"encodings.tsv:{n}: expected `hex<TAB>assembly`");
            cases++;
            if (Check(cells[0], cells[1]) is { } failure)
                outcomes.Add(Expectation.Of($"encodings.tsv:{n}", failure.Outcome, failure.Reason));
        }
        TestContext.WriteLine($"s390x encodings: {cases - outcomes.Count} of {cases} cases encode and print as Cranelift's");
        Assert.AreEqual(1202, cases, "the corpus has 1,202 cases");
        ExpectationsFile.Check("cranelift-s390x/encodings.tsv", outcomes,
            "cranelift-s390x/encodings.tsv: the cases our s390x encoder does not yet encode (unsupported), encodes to other\n" +
            "bytes (encodes-differently) or prints differently (prints-differently), from S390xEncodingTests. Known: nop-zero-len\n" +
            "is Cranelift's zero-length pseudo-instruction; `bcr 14, 0` is Cranelift's text for the serialising bcr (GNU prints\n" +
            "`bnor %r0`); `vuplh` is Cranelift's name for vupl's halfword form (GNU's `vuplhw`; `vuplh` is another instruction);\n" +
            "symbol operands wait for the s390x rows of RelocTable.");
    }

    private static (string Outcome, string Reason)? Check(string hex, string assembly)
    {
        byte[] code;
        string text;
        try
        {
            (code, text) = S390xAsm.Assemble(S390xAsmParser.ParseLine(assembly));
        }
        catch (FormatException e)
        {
            return ("unsupported", e.Message);
        }
        var expected = Convert.FromHexString(hex);
        if (!code.AsSpan().SequenceEqual(expected)) return ("encodes-differently", $"got {Convert.ToHexString(code)}");
        var printed = string.Join(" ; ", S390xDisassembler.Statements(expected).Select(s => s.Text));
        return printed == text ? null : ("prints-differently", $"printed `{printed}`, expected `{text}`");
    }
}
