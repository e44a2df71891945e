using Stencil.Engine.Linking;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir.Names;
using Stencil.Isa;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Tests.Object;

/// <summary>Big-endian EM_S390 objects: every field in s390x byte order, R_390_* numbers from the relocation table,
/// relocations in the order the linker's TLS relaxation needs, and judged by the cross binutils, gcc and qemu.</summary>
[TestClass]
public sealed class S390xObjectTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void HeaderAndEveryRecordAreBigEndianS390()
    {
        var bytes = S390xSampleObject.Build().Finish().Emit();
        var elf = new ElfFile(bytes);
        Assert.AreEqual(2, elf.Class, "ELFCLASS64");
        Assert.AreEqual(2, elf.Data, "ELFDATA2MSB");
        Assert.AreEqual(1, elf.Type, "ET_REL");
        Assert.AreEqual(22, elf.Machine, "EM_S390");
        Assert.AreEqual(0u, elf.Flags);
        // The reader decodes big-endian: names, section links and symbol values only come out right when every field is.
        Assert.AreEqual(elf.SectionNamed(".text").Index, elf.SymbolNamed("add").Shndx);
        Assert.AreEqual(8ul, elf.SymbolNamed("add").Size);
        Assert.AreEqual(8ul, elf.SymbolNamed("call_add").Value, "placed after add at its 8-byte alignment");
        Assert.AreEqual(elf.SectionNamed(".symtab").Index, (int)elf.SectionNamed(".rela.text").Link);
        CollectionAssert.AreEqual(new byte[] { 0x1a, 0x23, 0xb9, 0x14 }, elf.Contents(elf.SectionNamed(".text"))[..4].ToArray(), "code is copied as emitted");
    }

    [TestMethod]
    public void RelocationsCarryR390NumbersAndAddends()
    {
        var elf = new ElfFile(S390xSampleObject.Build().Finish().Emit());
        var byName = elf.Relocations.ToDictionary(r => (r.Section, r.Offset));
        Assert.AreEqual(20u, byName[(".text", 8 + 12)].Type, "brasl add: R_390_PLT32DBL");
        Assert.AreEqual(2L, byName[(".text", 8 + 12)].Addend);
        var larl = elf.Relocations.Single(r => r.Symbol.Name == "magic");
        Assert.AreEqual(19u, larl.Type, "larl magic: R_390_PC32DBL");
        Assert.AreEqual(2L, larl.Addend);
        CollectionAssert.AreEqual(new uint[] { 22, 22 }, elf.Relocations.Where(r => r.Section == ".data.rel.ro").Select(r => r.Type).ToArray(), "R_390_64");
        Assert.AreEqual(20u, elf.Relocations.Single(r => r.Symbol.Name == "host_scale").Type);
    }

    [TestMethod]
    public void TheTlsCallKeepsPlt32DblBeforeGdCall()
    {
        // Cranelift's general-dynamic sequence (reference s390x-tls 1.2): BFD ld's GD->IE relaxation corrupts the lg
        // when R_390_TLS_GDCALL (at the brasl) comes before R_390_PLT32DBL (at its field, two bytes on) in .rela.text.
        var elf = new ElfFile(TlsSequence().Finish().Emit());
        var text = elf.Relocations.Where(r => r.Section == ".text").Select(r => (r.Offset, r.Type, r.Symbol.Name, r.Addend)).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            (0xcUL, 19u, "_GLOBAL_OFFSET_TABLE_", 2L),
            (0x14UL, 41u, "tls_ext", 0L),
            (0x24UL, 20u, "__tls_get_offset", 2L),
            (0x22UL, 38u, "tls_ext", 0L),
        }, text);
    }

    [TestMethod]
    public void AMarkerStaysBehindItsRelocationWhenOthersAreSorted()
    {
        // The same sequence given with its literal's relocation last: offsets are sorted, the marker keeps its place.
        var elf = new ElfFile(TlsSequence(literalLast: true).Finish().Emit());
        CollectionAssert.AreEqual(new uint[] { 19, 41, 20, 38 }, elf.Relocations.Select(r => r.Type).ToArray());
    }

    [TestMethod]
    public void X86KindsAreRefusedOnS390x()
    {
        var m = new ObjectModule(new ObjectModuleOptions { Triple = S390xSampleObject.Triple });
        var f = m.DeclareFunction("f", Linkage.Export);
        var g = m.DeclareFunction("g", Linkage.Import);
        m.DefineFunctionBytes(f, new byte[8], 8, [new ModuleReloc(2, Reloc.X86CallPLTRel4, g, -4)], []);
        var e = Assert.ThrowsExactly<ModuleException>(() => m.Finish());
        StringAssert.Contains(e.Message, "X86CallPLTRel4");
    }

    [TestMethod]
    public void CrossReadelfAndObjdumpReadTheObject()
    {
        var readelf = Prerequisite.RequireTool("s390x-linux-gnu-readelf");
        var objdump = Prerequisite.RequireTool("s390x-linux-gnu-objdump");
        using var dir = new TempDirectory();
        var obj = dir.File("s390x.o");
        File.WriteAllBytes(obj, S390xSampleObject.Build().Finish().Emit());

        var (exit, output) = ExternalTool.Run(readelf, "-a", "-W", obj);
        TestContext.WriteLine(output);
        Assert.AreEqual(0, exit, output);
        var complaints = output.Split('\n').Where(l => l.Contains("Warning", StringComparison.OrdinalIgnoreCase) || l.Contains("Error", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.IsEmpty(complaints, string.Join('\n', complaints));
        foreach (var expected in new[] { "big endian", "IBM S/390", "REL (Relocatable file)", "R_390_PLT32DBL", "R_390_PC32DBL", "R_390_64", "magic + 2", "s390x.clif" })
            Assert.Contains(expected, output);

        (exit, output) = ExternalTool.Run(objdump, "-dr", obj);
        TestContext.WriteLine(output);
        Assert.AreEqual(0, exit, output);
        foreach (var expected in new[] { "ar\t%r2,%r3", "brasl\t%r14", "R_390_PLT32DBL\tadd+0x2", "larl\t%r1", "lgf\t%r2,0(%r1)", "jg\t" })
            Assert.Contains(expected, output);
    }

    [TestMethod]
    public void LinksWithTheCrossCompilerAndRunsUnderQemu()
    {
        var qemu = Prerequisite.RequireTool("qemu-s390x");
        Prerequisite.RequireTool(SystemLinker.CrossDriverName(S390xSampleObject.Triple));
        using var dir = new TempDirectory();
        var obj = dir.File("s390x.o");
        File.WriteAllBytes(obj, S390xSampleObject.Build().Finish().Emit());
        File.WriteAllText(dir.File("main.c"), S390xSampleObject.CDriver);

        var exe = dir.File("s390x-sample");
        Assert.IsTrue(SystemLinker.TryLinkExecutable([dir.File("main.c"), obj], exe, S390xSampleObject.Triple, out var diagnostics), diagnostics);
        Assert.DoesNotContain("warning", diagnostics);
        var (exit, output) = ExternalTool.Run(qemu, "-L", "/usr/s390x-linux-gnu", exe);
        Assert.AreEqual(0, exit, $"the C driver's check number {exit} failed. {output}");

        var library = dir.File("libs390x.so");
        Assert.IsTrue(SystemLinker.TryLinkSharedLibrary(obj, library, S390xSampleObject.Triple, out diagnostics), diagnostics);
        Assert.DoesNotContain("warning", diagnostics, "no text relocations, no executable stack");
        var user = dir.File("uses-library");
        Assert.IsTrue(SystemLinker.TryLinkExecutable([dir.File("main.c"), "-L" + dir.Path, "-ls390x", "-Wl,-rpath," + dir.Path], user,
            S390xSampleObject.Triple, out diagnostics), diagnostics);
        (exit, output) = ExternalTool.Run(qemu, "-L", "/usr/s390x-linux-gnu", user);
        Assert.AreEqual(0, exit, $"through the shared library, the C driver's check number {exit} failed. {output}");
    }

    [TestMethod]
    public void AMissingCrossCompilerIsReportedByName()
    {
        var triple = TargetTriple.Parse("s390x-unknown-linux-stencilnone");
        Assert.IsFalse(SystemLinker.IsHost(triple));
        Assert.IsNull(SystemLinker.FindCompilerDriver(triple));
        Assert.IsFalse(SystemLinker.TryLinkSharedLibrary("a.o", "a.so", triple, out var diagnostics));
        StringAssert.Contains(diagnostics, "`s390x-linux-stencilnone-gcc` is not on PATH");
        StringAssert.Contains(diagnostics, "s390x-unknown-linux-stencilnone");
    }

    /// <summary>The bytes and relocations of Cranelift's <c>tls_elf.clif</c> for s390x, in the order it emits them.</summary>
    private static ObjectModule TlsSequence(bool literalLast = false)
    {
        var m = new ObjectModule(new ObjectModuleOptions { Triple = S390xSampleObject.Triple });
        var got = m.DeclareData("_GLOBAL_OFFSET_TABLE_", Linkage.Import, writable: false);
        var tls = m.DeclareData("tls_ext", Linkage.Import, writable: true);
        var f = m.DeclareFunction("addr_of_tls_ext", Linkage.Export);
        byte[] code = Convert.FromHexString(
            "EBCFF0600024A7FBFF60C0C000000000A71500060000000000000000E3201000000" +
            "4C0E500000000B24F0030EB330020000DB24F0031B9080023EBCFF100000407FE");
        ModuleReloc gotReloc = new(0xc, Reloc.S390xPCRel32Dbl, got, 2), literal = new(0x14, Reloc.S390xTlsGd64, tls, 0),
            plt = new(0x24, Reloc.S390xPltRel32Dbl, LibCall.ElfTlsGetOffset, 2), marker = new(0x22, Reloc.S390xTlsGdCall, tls, 0);
        m.DefineFunctionBytes(f, code, 8, literalLast ? [gotReloc, plt, marker, literal] : [gotReloc, literal, plt, marker], []);
        return m;
    }
}
