using Stencil.Ir.Text;
using Stencil.Isa.CodeGen;
using Stencil.Isa.S390x;

namespace Stencil.Isa.Tests.S390x;

/// <summary>Compiles CLIF text for s390x and checks what came out: every instruction decodes, re-encodes to its own
/// bytes, and the only other bytes are inline literals (after <c>bras %r1, .+12</c>) and trap halfwords.</summary>
internal static class S390xCompile
{
    public static readonly TargetTriple Triple = TargetTriple.TryParse("s390x-unknown-linux-gnu", out var t) ? t : throw new InvalidOperationException();

    public static TargetIsa Isa(IReadOnlyList<string>? settings = null, IReadOnlyList<string>? isaFlags = null)
    {
        Assert.IsTrue(IsaFlags.TryParse(settings ?? [], out var flags, out var error), error);
        Assert.IsTrue(IsaRegistry.TryLookup(Triple, flags, isaFlags ?? [], out var isa, out var d), d?.ToString());
        return isa;
    }

    public static CompiledFunction Compile(string clif, params string[] isaFlags) =>
        Isa(isaFlags: isaFlags).Compile(ClifReader.ParseFunction(clif).Stencil);

    /// <summary>The instruction lines of <paramref name="code"/> in our syntax (literals as <c>.quad</c>, traps as
    /// <c>.word 0x0000</c>); null with the problem when the bytes do not read back as what was encoded.</summary>
    public static List<string> Listing(CompiledFunction code)
    {
        var lines = new List<string>();
        var bytes = code.Code;
        var traps = code.Traps.Select(t => t.Offset).ToHashSet();
        for (int offset = 0; offset < bytes.Length;)
        {
            if (traps.Contains((uint)offset) && bytes[offset] == 0 && bytes[offset + 1] == 0)
            {
                lines.Add(".word 0x0000");
                offset += 2;
                continue;
            }
            if (!S390xDecoder.TryDecode(bytes.AsSpan(offset), out var inst))
                throw new AssertFailedException($"offset {offset}: {Convert.ToHexString(bytes, offset, Math.Min(6, bytes.Length - offset))} does not decode");
            var again = S390xEncoder.Encode(inst);
            var expected = bytes.AsSpan(offset, inst.Length).ToArray().Aggregate(0UL, (w, b) => (w << 8) | b);
            // A trap branch (brcl mask, .+2) lands in its own field; that is the encoding, not a decoding slip.
            Assert.AreEqual(expected, again, $"offset {offset}: `{S390xPrinter.Print(inst)}` re-encodes differently");
            lines.Add(S390xPrinter.Print(inst));
            offset += inst.Length;
            if (inst.S390xOpcode.Mnemonic == "bras" && inst.Operands[1].Value == 12)
            {
                lines.Add($".quad 0x{Convert.ToHexStringLower(bytes, offset, 8)}");
                offset += 8;
            }
        }
        return lines;
    }
}
