namespace Stencil.Isa.Tests;

[TestClass]
public sealed class TargetTripleTests
{
    [TestMethod]
    [DataRow("x86_64-unknown-linux-gnu", "x86_64-unknown-linux-gnu", Architecture.X86_64)]
    [DataRow("x86_64", "x86_64-unknown-linux-gnu", Architecture.X86_64)]
    [DataRow("X86_64-Unknown-Linux-Gnu", "x86_64-unknown-linux-gnu", Architecture.X86_64)]
    [DataRow("amd64-unknown-linux-gnu", "x86_64-unknown-linux-gnu", Architecture.X86_64)]
    [DataRow("x86_64-linux-gnu", "x86_64-unknown-linux-gnu", Architecture.X86_64)]
    [DataRow("x86_64-pc-windows-msvc", "x86_64-pc-windows-msvc", Architecture.X86_64)]
    [DataRow("x86_64-apple-darwin", "x86_64-apple-darwin", Architecture.X86_64)]
    [DataRow("aarch64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", Architecture.Aarch64)]
    [DataRow("arm64-apple-darwin", "aarch64-apple-darwin", Architecture.Aarch64)]
    [DataRow("s390x-ibm-linux", "s390x-ibm-linux", Architecture.S390x)]
    [DataRow("riscv64gc-unknown-linux-gnu", "riscv64gc-unknown-linux-gnu", Architecture.Riscv64)]
    [DataRow("armv7-unknown-linux-gnueabihf", "armv7-unknown-linux-gnueabihf", Architecture.Arm)]
    [DataRow("thumbv7em-none-eabihf", "thumbv7em-unknown-none-eabihf", Architecture.Arm)]
    [DataRow("thumbv8m.main-none-eabi", "thumbv8m.main-unknown-none-eabi", Architecture.Arm)]
    [DataRow("armv5te-unknown-linux-musleabi", "armv5te-unknown-linux-musleabi", Architecture.Arm)]
    public void ParsesAndPrintsCanonically(string text, string canonical, Architecture arch)
    {
        Assert.IsTrue(TargetTriple.TryParse(text, out var t));
        Assert.AreEqual(canonical, t.ToString());
        Assert.AreEqual(arch, t.Architecture);
        Assert.IsTrue(TargetTriple.TryParse(t.ToString(), out var again));
        Assert.AreEqual(t, again, "the canonical form parses back to an equal triple");
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow("mips-unknown-linux")]
    [DataRow("x86_64-unknown-linux-gnu-extra")]
    [DataRow("x86_64--linux")]
    [DataRow("armv99x-none")]
    [DataRow("x86_64-unknown-lin ux")]
    public void RejectsNonTriples(string text)
    {
        Assert.IsFalse(TargetTriple.TryParse(text, out _));
        Assert.ThrowsExactly<FormatException>(() => TargetTriple.Parse(text));
    }

    [TestMethod]
    public void ArmVariantKeepsItsName()
    {
        var t = TargetTriple.Parse("thumbv7em-none-eabihf");
        Assert.AreEqual("thumbv7em", t.ArchitectureName);
        Assert.AreEqual("none", t.OperatingSystem);
        Assert.AreEqual("eabihf", t.Environment);
    }

    [TestMethod]
    public void TheDefaultNameIsTheDefaultTriplesCanonicalSpelling()
    {
        Assert.AreEqual(TargetTriple.DefaultName, TargetTriple.X86_64Linux.ToString());
        Assert.AreEqual(TargetTriple.X86_64Linux, TargetTriple.Parse(TargetTriple.DefaultName));
    }

    [TestMethod]
    public void RegistryFindsX64AndS390xAndRejectsOtherArchitectures()
    {
        Assert.IsTrue(IsaRegistry.TryLookup(TargetTriple.X86_64Linux, IsaFlags.Default, out var isa, out var d));
        Assert.IsNull(d);
        Assert.AreEqual("x64", isa.Name);
        Assert.AreEqual(TargetTriple.X86_64Linux, isa.Triple);

        Assert.IsFalse(IsaRegistry.TryLookup(TargetTriple.Parse("aarch64-unknown-linux-gnu"), IsaFlags.Default, out _, out d));
        Assert.AreEqual("STN3004", d!.Code);
        StringAssert.Contains(d.Message, "aarch64-unknown-linux-gnu");
        Assert.AreEqual("s390x", IsaRegistry.Lookup(TargetTriple.Parse("s390x"), IsaFlags.Default).Name);
        Assert.AreEqual("s390x", IsaRegistry.Lookup(TargetTriple.Parse("s390x-unknown-linux-gnu"), IsaFlags.Default).Name);
        var e = Assert.ThrowsExactly<Stencil.Ir.Diagnostics.DiagnosticException>(() => IsaRegistry.Lookup(TargetTriple.Parse("riscv64"), IsaFlags.Default));
        Assert.AreEqual("STN3004", e.Diagnostic.Code);
    }
}
