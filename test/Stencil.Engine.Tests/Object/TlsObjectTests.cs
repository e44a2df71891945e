using Stencil.Engine.Building;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir.Names;
using Stencil.Isa;
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
    private const uint RX86_64_PLT32 = 4, RX86_64_TLSGD = 19;
    private const uint R390Pc32Dbl = 19, R390Plt32Dbl = 20, R390TlsGdCall = 38, R390TlsGd64 = 41;
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
    public void S390xCallKeepsPlt32DblBeforeItsTlsGdCallMarker()
    {
        // BFD ld relaxes the brasl only with its PLT32DBL (at +2) before its TLS_GDCALL (at +0) in .rela.text; in the
        // other order the initial-exec rewrite lands on the wrong bytes and the program crashes.
        var m = new ObjectModule(new ObjectModuleOptions { Triple = TargetTriple.Parse("s390x-unknown-linux-gnu") });
        var tls = m.DeclareFunction("tls_ext", Linkage.Import);
        var f = m.DeclareFunction("addr", Linkage.Export);
        // larl %r12, GOT; bras %r1, .+12; literal; lg %r2, 0(%r1); brasl %r14, __tls_get_offset; br %r14
        byte[] code = [0xC0, 0xC0, 0, 0, 0, 0, 0xA7, 0x15, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0xE3, 0x20, 0x10, 0, 0, 4, 0xC0, 0xE5, 0, 0, 0, 0, 0x07, 0xFE];
        m.DefineFunctionBytes(f, code, 4,
        [
            new ModuleReloc(2, Reloc.S390xPCRel32Dbl, KnownSymbol.ElfGlobalOffsetTable, 2),
            new ModuleReloc(10, Reloc.S390xTlsGd64, tls, 0),
            new ModuleReloc(26, Reloc.S390xPltRel32Dbl, LibCall.ElfTlsGetOffset, 2),
            new ModuleReloc(24, Reloc.S390xTlsGdCall, tls, 0),
        ], []);
        var elf = new ElfFile(m.Finish().Emit());
        CollectionAssert.AreEqual(new[]
        {
            (2UL, R390Pc32Dbl, "_GLOBAL_OFFSET_TABLE_", 2L),
            (10UL, R390TlsGd64, "tls_ext", 0L),
            (26UL, R390Plt32Dbl, "__tls_get_offset", 2L),
            (24UL, R390TlsGdCall, "tls_ext", 0L),
        }, elf.Relocations.Select(r => (r.Offset, r.Type, r.Symbol.Name, r.Addend)).ToArray());
        Assert.AreEqual(SttTls, elf.SymbolNamed("tls_ext").Type, "STT_TLS on s390x too");
        Assert.AreEqual(SttNotype, elf.SymbolNamed("_GLOBAL_OFFSET_TABLE_").Type);
        Assert.AreEqual(SttNotype, elf.SymbolNamed("__tls_get_offset").Type);
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
