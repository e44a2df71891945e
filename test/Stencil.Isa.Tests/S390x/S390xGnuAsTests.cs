using Stencil.Isa.S390x;

namespace Stencil.Isa.Tests.S390x;

/// <summary>
/// The encoder against GNU as: every distinct instruction line of Cranelift's s390x compile tests' disassembly
/// (files for z14, arch13 and mie3; z17's arch15 is unknown to binutils 2.40) that names no relative target, no
/// symbol and no inline data, assembled by <c>s390x-linux-gnu-as</c> and by our encoder, byte for byte.
/// </summary>
[TestClass]
public sealed class S390xGnuAsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void CompileTestDisassemblyAssemblesAsGnuAsDoes()
    {
        var corpus = Path.Combine(SharedCorpus.Require("cranelift-s390x"), "compile");
        var assembler = Prerequisite.RequireTool("s390x-linux-gnu-as");
        var objcopy = Prerequisite.RequireTool("s390x-linux-gnu-objcopy");

        var lines = DisassemblyLines(corpus).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var ours = new List<(string Line, byte[] Bytes)>();
        var unread = new List<string>();
        foreach (var line in lines)
        {
            try
            {
                if (S390xAsmParser.ParseLine(line) is [AsmStatement.Inst inst] && inst.Targets.All(t => t is null))
                    ours.Add((line, Bytes(S390xEncoder.Encode(inst.Instruction), inst.Instruction.Length)));
            }
            catch (FormatException e)
            {
                unread.Add($"{line}: {e.Message}");
            }
        }

        using var dir = new TempDirectory("stencil-s390x-as");
        var source = dir.Write("lines.s", ".machine z15\n.text\n" + string.Join("\n", ours.Select(o => o.Line)) + "\n");
        var (code, output) = ExternalProcess.Run(assembler, "-o", dir.File("lines.o"), source);
        Assert.AreEqual(0, code, output);
        (code, output) = ExternalProcess.Run(objcopy, "-O", "binary", "-j", ".text", dir.File("lines.o"), dir.File("lines.bin"));
        Assert.AreEqual(0, code, output);
        var gas = File.ReadAllBytes(dir.File("lines.bin"));

        var differences = new List<string>();
        int offset = 0;
        foreach (var (line, bytes) in ours)
        {
            var theirs = gas.AsSpan(offset, Math.Min(bytes.Length, gas.Length - offset));
            if (!theirs.SequenceEqual(bytes)) differences.Add($"{line}: ours {Convert.ToHexString(bytes)}, as {Convert.ToHexString(theirs)}");
            offset += bytes.Length;
        }
        TestContext.WriteLine($"{ours.Count} distinct lines checked against GNU as, {unread.Count} not read by our parser:\n" + string.Join("\n", unread));
        // as pads the section to a word with a no-op halfword (bcr 0,%r7).
        Assert.IsTrue(gas.Length >= offset && gas.Length - offset < 4 && gas.AsSpan(offset).ToArray().All(b => b == 0x07),
            $"as emitted {gas.Length} bytes, we {offset}: " + string.Join("\n", differences.Take(20)));
        Assert.AreEqual(0, differences.Count, string.Join("\n", differences.Take(40)));
        Assert.IsTrue(ours.Count >= 2000, $"only {ours.Count} lines checked");
    }

    /// <summary>The instruction text of every <c>; Disassembled:</c> block, without block labels, annotations
    /// (<c>; reloc_external</c>, <c>; trap</c>) and inline data.</summary>
    private static IEnumerable<string> DisassemblyLines(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "*.clif").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllLines(file);
            if (text.Any(l => l.StartsWith("target s390x arch15", StringComparison.Ordinal))) continue;
            bool inside = false;
            foreach (var raw in text)
            {
                if (raw.StartsWith("; Disassembled:", StringComparison.Ordinal)) { inside = true; continue; }
                if (!raw.StartsWith(';')) { inside = false; continue; }
                if (!inside) continue;
                var line = raw.TrimStart(';').Trim();
                int annotation = line.IndexOf(" ; ", StringComparison.Ordinal);
                if (annotation >= 0) line = line[..annotation];
                if (line.Length == 0 || line.StartsWith('.') || line.EndsWith(':') || line.StartsWith("block", StringComparison.Ordinal)) continue;
                yield return line;
            }
        }
    }

    private static byte[] Bytes(ulong word, int length) =>
        Enumerable.Range(0, length).Select(i => (byte)(word >> (8 * (length - 1 - i)))).ToArray();
}
