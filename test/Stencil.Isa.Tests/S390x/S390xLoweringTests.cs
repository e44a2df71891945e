using Stencil.Ir;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests.S390x;

/// <summary>The s390x backend on representative functions: the code it prints, its frame, traps and relocations, and
/// (when binutils for s390x is installed) that GNU as assembles our listing to the same bytes.</summary>
[TestClass]
public sealed class S390xLoweringTests
{
    private static List<string> Asm(string clif, params string[] isaFlags) => S390xCompile.Listing(S390xCompile.Compile(clif, isaFlags));

    [TestMethod]
    public void ALeafFunctionIsItsBodyAndBrR14()
    {
        var lines = Asm("function %f(i64, i64) -> i64 {\nblock0(v0: i64, v1: i64):\n  v2 = iadd v0, v1\n  return v2\n}");
        CollectionAssert.AreEqual(new[] { "agrk %r2, %r2, %r3", "br %r14" }, lines, string.Join("\n", lines));
    }

    [TestMethod]
    public void ACallIsBraslThroughThePltAndSavesR14AndR15AndGivesItsCalleeASaveArea()
    {
        var code = S390xCompile.Compile("function %f(i64) -> i64 {\n  fn0 = %g(i64) -> i64\nblock0(v0: i64):\n  v1 = call fn0(v0)\n  return v1\n}");
        var lines = S390xCompile.Listing(code);
        Assert.AreEqual("stmg %r14, %r15, 112(%r15)", lines[0]);
        Assert.AreEqual("aghi %r15, -160", lines[1]);
        CollectionAssert.Contains(lines, "brasl %r14, .+0");
        Assert.AreEqual("lmg %r14, %r15, 272(%r15)", lines[^2]);
        Assert.AreEqual("br %r14", lines[^1]);
        var reloc = code.Relocs.Single();
        Assert.AreEqual(Reloc.S390xPltRel32Dbl, reloc.Kind);
        Assert.AreEqual(2, reloc.Addend);
        Assert.AreEqual(2 + (uint)code.Code.AsSpan().IndexOf(new byte[] { 0xC0, 0xE5 }), reloc.Offset);
        Assert.AreEqual("userextname0", reloc.Target.ToString());
    }

    [TestMethod]
    public void NarrowComparesExtendAndSelectWithLoadOnCondition()
    {
        var lines = Asm("function %f(i32, i32) -> i8 {\nblock0(v0: i32, v1: i32):\n  v2 = icmp slt v0, v1\n  return v2\n}");
        CollectionAssert.Contains(lines, "lgfr %r3, %r3");
        CollectionAssert.IsSubsetOf(new[] { "lghi %r4, 0", "cgr %r2, %r3" }.Where(lines.Contains).ToList(), lines);
        Assert.IsTrue(lines.Any(l => l.StartsWith("locghil ", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public void DivisionTrapsOnZeroAndOverflowByBranchingIntoItsOwnField()
    {
        var code = S390xCompile.Compile("function %f(i64, i64) -> i64 {\nblock0(v0: i64, v1: i64):\n  v2 = sdiv v0, v1\n  return v2\n}");
        var lines = S390xCompile.Listing(code);
        CollectionAssert.Contains(lines, "jge .+2");
        Assert.IsTrue(lines.Any(l => l.StartsWith("dsgr %r4, ", StringComparison.Ordinal)), string.Join("\n", lines));
        CollectionAssert.AreEqual(new[] { TrapCode.IntegerDivisionByZero, TrapCode.IntegerOverflow }, code.Traps.Select(t => t.Code).ToArray());
        foreach (var t in code.Traps) Assert.AreEqual(0, code.Code[t.Offset] | code.Code[t.Offset + 1], "a trap lands on a zero halfword");
    }

    [TestMethod]
    public void LittleEndianAccessesUseTheReversedLoadsAndStores()
    {
        var lines = Asm("function %f(i64, i32) -> i32 {\nblock0(v0: i64, v1: i32):\n  store little v1, v0+8\n  v2 = load.i32 little v0+4\n  return v2\n}");
        CollectionAssert.Contains(lines, "strv %r3, 8(%r2)");
        Assert.IsTrue(lines.Any(l => l.StartsWith("lrv ", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public void FloatsUseBinaryFloatingPoint()
    {
        var lines = Asm("function %f(f64, f64) -> f64 {\nblock0(v0: f64, v1: f64):\n  v2 = fadd v0, v1\n  v3 = ceil v2\n  return v3\n}");
        CollectionAssert.Contains(lines, "adbr %f0, %f2");
        CollectionAssert.Contains(lines, "fidbra %f0, 6, %f0, 4");
    }

    [TestMethod]
    public void MoreThanTheRegistersSpillToEightByteSlotsAddressedFromR15()
    {
        // 20 values live at once outgrow the 13 allocatable general registers.
        var body = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"  v{i} = iadd_imm v0, {i}"));
        var sum = string.Join("\n", Enumerable.Range(21, 19).Select(i => $"  v{i} = iadd v{i - 1}, v{i - 20}"));
        var clif = $"function %f(i64) -> i64 {{\nblock0(v0: i64):\n{body}\n{sum.Replace("v20 = iadd v19, v0", "")}\n  v40 = iadd v39, v20\n  return v40\n}}";
        var code = S390xCompile.Compile(clif);
        var lines = S390xCompile.Listing(code);
        Assert.IsTrue(lines.Any(l => l.StartsWith("stg ", StringComparison.Ordinal) && l.EndsWith("(%r15)", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.IsTrue(code.FrameSize > 0);
    }

    [TestMethod]
    public void I128TravelsByReferenceAndAddsWithTheCarryInTheConditionCode()
    {
        // The return area's address comes in r2, so the arguments' addresses in r3 and r4; big-endian halves.
        var lines = Asm("function %f(i128, i128) -> i128 {\nblock0(v0: i128, v1: i128):\n  v2 = iadd v0, v1\n  return v2\n}");
        CollectionAssert.IsSubsetOf(new[] { "lg %r3, 8(%r3)", "lg %r4, 8(%r4)", "algrk %r3, %r3, %r4", "stg %r3, 8(%r2)" }, lines, string.Join("\n", lines));
        Assert.IsTrue(lines.Any(l => l.StartsWith("alcgr ", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.IsTrue(lines.Any(l => l.StartsWith("stg ", StringComparison.Ordinal) && l.EndsWith(", 0(%r2)", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public void AnI128ArgumentIsACopyInTheOutgoingAreaAndAResultComesBackInTheReturnArea()
    {
        var lines = Asm("function %f(i64, i64) -> i64 {\n  fn0 = %g(i128) -> i128\nblock0(v0: i64, v1: i64):\n  v2 = iconcat v0, v1\n"
            + "  v3 = call fn0(v2)\n  v4 = ireduce.i64 v3\n  return v4\n}");
        // The high half first at 160, just above the callee's save area; the return area after the copy.
        // The copy's address is the first argument after the return area's (r2).
        CollectionAssert.IsSubsetOf(new[] { "stg %r3, 160(%r15)", "stg %r2, 168(%r15)", "la %r3, 160(%r15)", "la %r2, 176(%r15)", "lg %r2, 184(%r15)" },
            lines, string.Join("\n", lines));
    }

    [TestMethod]
    public void SignedI128OrderingsFlipTheSignBitsThenSubtractWithBorrow()
    {
        var lines = Asm("function %f(i128, i128) -> i8 {\nblock0(v0: i128, v1: i128):\n  v2 = icmp slt v0, v1\n  return v2\n}");
        Assert.AreEqual(2, lines.Count(l => l.StartsWith("xihf ", StringComparison.Ordinal) && l.EndsWith(", 2147483648", StringComparison.Ordinal)), string.Join("\n", lines));
        int borrow = lines.FindIndex(l => l.StartsWith("slbgr ", StringComparison.Ordinal));
        Assert.IsTrue(borrow > 0 && lines[borrow - 1].StartsWith("slgrk ", StringComparison.Ordinal), string.Join("\n", lines));
        Assert.IsTrue(lines[borrow + 1].StartsWith("locghile ", StringComparison.Ordinal), string.Join("\n", lines));
    }

    [TestMethod]
    public void Arch15IsRefusedAndMie3UsesItsInstructions()
    {
        Assert.IsTrue(IsaFlags.TryParse([], out var flags, out _));
        Assert.IsFalse(IsaRegistry.TryLookup(S390xCompile.Triple, flags, ["arch15"], out _, out var d));
        Assert.AreEqual(IsaDiagnostics.UnsupportedTarget, d!.Code);
        var lines = Asm("function %f(i64) -> i64 {\nblock0(v0: i64):\n  v1 = bnot v0\n  return v1\n}", "has_mie3");
        CollectionAssert.Contains(lines, "nogrk %r2, %r2, %r2");
        lines = Asm("function %f(i64) -> i64 {\nblock0(v0: i64):\n  v1 = bnot v0\n  return v1\n}");
        CollectionAssert.Contains(lines, "xihf %r2, 4294967295");
    }

    [TestMethod]
    public void OurListingAssemblesWithGnuAsToTheSameBytes()
    {
        var assembler = Prerequisite.RequireTool("s390x-linux-gnu-as");
        var objcopy = Prerequisite.RequireTool("s390x-linux-gnu-objcopy");
        var code = S390xCompile.Compile("""
            function %f(i64, i32, f64) -> f64 {
                fn0 = %g(i64) -> i64
            block0(v0: i64, v1: i32, v2: f64):
                v3 = sextend.i64 v1
                v4 = udiv v0, v3
                v5 = call fn0(v4)
                v6 = fcvt_from_sint.f64 v5
                v7 = fmul v6, v2
                v8 = popcnt v0
                brif v8, block1, block2
            block1:
                return v7
            block2:
                v9 = fneg v7
                return v9
            }
            """);
        var lines = S390xCompile.Listing(code);
        using var dir = new TempDirectory("stencil-s390x-lower");
        var source = dir.Write("f.s", ".machine z14\n.text\n" + string.Join("\n", lines.Select(l => l.Replace(".+", ".+", StringComparison.Ordinal))) + "\n");
        var (rc, output) = ExternalProcess.Run(assembler, "-o", dir.File("f.o"), source);
        Assert.AreEqual(0, rc, output);
        (rc, output) = ExternalProcess.Run(objcopy, "-O", "binary", "-j", ".text", dir.File("f.o"), dir.File("f.bin"));
        Assert.AreEqual(0, rc, output);
        var gas = File.ReadAllBytes(dir.File("f.bin"));
        var ours = code.Code;
        // The literal's relocation is zero in both; as pads the section with bcr 0,%r7.
        CollectionAssert.AreEqual(ours, gas.Take(ours.Length).ToArray(), string.Join("\n", lines));
    }
}
