using Stencil.Engine.Building;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Tests.Object;

/// <summary>
/// What the ELF writer must get right for general-dynamic TLS, each a way the link fails otherwise
/// (../shared/reference/s390x-tls/README.md, section 2.4): the undefined variable is STT_TLS, relocations stay in the
/// order the code generator gave them, and the x86-64 access keeps its 16 bytes, prefixes included.
/// </summary>
[TestClass]
public sealed class TlsObjectTests
{
    private const uint RX86_64_PLT32 = 4, RX86_64_TLSGD = 19, RX86_64_PC32 = 2;
    private const int StbGlobal = 1, SttNotype = 0, SttTls = 6;

    private static readonly byte[] Unit = [0x66, 0x48, 0x8D, 0x3D, 0, 0, 0, 0, 0x66, 0x66, 0x48, 0xE8, 0, 0, 0, 0];

    private const string Clif = """
        function %addr_of_tls_ext() -> i64 {
            gv0 = symbol tls %tls_ext
        block0:
            v0 = tls_value.i64 gv0
            return v0
        }
        """;

    [TestMethod]
    public void TheUndefinedVariableIsSttTlsAndTheLibcallIsNot()
    {
        var m = new ObjectModule();
        var tls = m.DeclareFunction("tls_ext", Linkage.Import);
        var f = m.DeclareFunction("addr", Linkage.Export);
        m.DefineFunctionBytes(f, [.. Unit, 0xC3], 16,
            [new ModuleReloc(4, Reloc.X86TlsGd, tls, -4), new ModuleReloc(12, Reloc.X86CallPLTRel4, LibCall.ElfTlsGetAddr, -4)], []);
        var elf = new ElfFile(m.Finish().Emit());
        var variable = elf.SymbolNamed("tls_ext");
        Assert.AreEqual((StbGlobal, SttTls, (ushort)0), (variable.Bind, variable.Type, variable.Shndx));
        var getAddr = elf.SymbolNamed("__tls_get_addr");
        Assert.AreEqual((StbGlobal, SttNotype, (ushort)0), (getAddr.Bind, getAddr.Type, getAddr.Shndx));
    }

    [TestMethod]
    public void ACodeSymbolReachedAsThreadLocalIsAnError()
    {
        var m = new ObjectModule();
        var f = m.DeclareFunction("addr", Linkage.Export);
        m.DefineFunctionBytes(f, [.. Unit, 0xC3], 16, [new ModuleReloc(4, Reloc.X86TlsGd, f, -4)], []);
        var e = Assert.ThrowsExactly<ModuleException>(() => m.Finish());
        StringAssert.Contains(e.Message, "thread-local");
    }

    [TestMethod]
    public void RelocationsAreWrittenInTheOrderTheyWereGivenNotByOffset()
    {
        // BFD ld relaxes s390x's brasl only with its PLT32DBL (at +2) before its TLS_GDCALL (at +0): sorting by offset
        // breaks the program. The same holds for any kinds, so x86-64 ones show it here.
        var m = new ObjectModule();
        var a = m.DeclareFunction("a", Linkage.Import);
        var b = m.DeclareFunction("b", Linkage.Import);
        var f = m.DeclareFunction("f", Linkage.Export);
        m.DefineFunctionBytes(f, new byte[16], 16,
            [new ModuleReloc(8, Reloc.X86CallPLTRel4, a, -4), new ModuleReloc(2, Reloc.X86PCRel4, b, -4), new ModuleReloc(12, Reloc.X86CallPLTRel4, b, -4)], []);
        var elf = new ElfFile(m.Finish().Emit());
        CollectionAssert.AreEqual(new[] { (8UL, "a"), (2UL, "b"), (12UL, "b") }, elf.Relocations.Select(r => (r.Offset, r.Symbol.Name)).ToArray());
        CollectionAssert.AreEqual(new[] { RX86_64_PLT32, RX86_64_PC32, RX86_64_PLT32 }, elf.Relocations.Select(r => r.Type).ToArray());
    }

    [TestMethod]
    public void ABuiltObjectHoldsTheSixteenByteUnitWithTlsgdThenPlt32()
    {
        using var dir = new TempDirectory();
        var source = dir.File("tls.clif");
        File.WriteAllText(source, Clif);
        var obj = dir.File("tls.o");
        var result = ProjectBuilder.Build(new ProjectBuildRequest("tls", [source], obj) { Settings = ["tls_model=elf_gd"] });
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        var elf = new ElfFile(File.ReadAllBytes(obj));

        var text = elf.Contents(elf.SectionNamed(".text")).ToArray();
        int at = Convert.ToHexString(text).IndexOf(Convert.ToHexString(Unit), StringComparison.Ordinal) / 2;
        Assert.IsGreaterThan(0, at, "the data16 prefixes are there: the linker's TLS transition needs them");
        CollectionAssert.AreEqual(new[]
        {
            ((ulong)at + 4, RX86_64_TLSGD, "tls_ext", -4L),
            ((ulong)at + 12, RX86_64_PLT32, "__tls_get_addr", -4L),
        }, elf.Relocations.Select(r => (r.Offset, r.Type, r.Symbol.Name, r.Addend)).ToArray());
        Assert.AreEqual(SttTls, elf.SymbolNamed("tls_ext").Type);
    }
}
