using System.Buffers;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Tests.Object;

[TestClass]
public sealed class ElfLayoutTests
{
    private const uint RX86_64_64 = 1, RX86_64_PC32 = 2, RX86_64_PLT32 = 4, RX86_64_GOTPCREL = 9;
    private const int StbLocal = 0, StbGlobal = 1, StbWeak = 2;
    private const int SttNotype = 0, SttObject = 1, SttFunc = 2, SttSection = 3, SttFile = 4;
    private const int StvDefault = 0, StvHidden = 2;

    private static ElfFile Sample() => new(SampleObject.Build().Finish().Emit());

    [TestMethod]
    public void HeaderIsElf64LittleEndianX86_64Relocatable()
    {
        var elf = Sample();
        Assert.AreEqual((byte)2, elf.Class);
        Assert.AreEqual((byte)1, elf.Data);
        Assert.AreEqual((ushort)1, elf.Type);
        Assert.AreEqual((ushort)62, elf.Machine);
    }

    [TestMethod]
    public void HasTheExpectedSectionsInOrder()
    {
        var names = Sample().Sections.Select(s => s.Name).ToArray();
        CollectionAssert.AreEqual(
            new[] { "", ".text", ".rela.text", ".data", ".rodata", ".data.rel.ro", ".rela.data.rel.ro", ".note.GNU-stack", ".symtab", ".strtab", ".shstrtab" },
            names);
    }

    [TestMethod]
    public void SectionFlagsMatchTheirUse()
    {
        var elf = Sample();
        Assert.AreEqual(0x6UL, elf.SectionNamed(".text").Flags, "alloc + exec");
        Assert.AreEqual(0x3UL, elf.SectionNamed(".data").Flags, "write + alloc");
        Assert.AreEqual(0x2UL, elf.SectionNamed(".rodata").Flags, "alloc");
        Assert.AreEqual(0x3UL, elf.SectionNamed(".data.rel.ro").Flags, "write + alloc: the loader patches it");
        var note = elf.SectionNamed(".note.GNU-stack");
        Assert.AreEqual(0UL, note.Flags, "no SHF_EXECINSTR: the stack stays non-executable");
        Assert.AreEqual(0UL, note.Size);
        var rela = elf.SectionNamed(".rela.text");
        Assert.AreEqual(elf.SectionNamed(".symtab").Index, (int)rela.Link);
        Assert.AreEqual(elf.SectionNamed(".text").Index, (int)rela.Info);
        Assert.AreEqual(24UL, rela.EntSize);
        Assert.AreEqual(16UL, elf.SectionNamed(".text").Align);
    }

    [TestMethod]
    public void FunctionsAreLaidOutInDefinitionOrderAlignedAndPaddedWithInt3()
    {
        var product = SampleObject.Build().Finish();
        var elf = new ElfFile(product.Emit());
        var text = elf.Contents(elf.SectionNamed(".text")).ToArray();
        CollectionAssert.AreEqual(new[] { "add", "call_add", "same_mem", "quad", "twice", "get_magic", "bump", "scaled" },
            product.Functions.Select(f => f.Name).ToArray());
        ulong previousEnd = 0;
        foreach (var f in product.Functions)
        {
            Assert.IsGreaterThanOrEqualTo(previousEnd, f.TextOffset);
            for (var i = previousEnd; i < f.TextOffset; i++) Assert.AreEqual((byte)0xCC, text[i], $"padding before {f.Name}");
            var symbol = elf.SymbolNamed(f.Name);
            Assert.AreEqual(f.TextOffset, symbol.Value);
            Assert.AreEqual((ulong)f.Size, symbol.Size);
            previousEnd = f.TextOffset + (ulong)f.Size;
        }
        Assert.AreEqual(0UL, product.Functions[1].TextOffset % 16);
        CollectionAssert.AreEqual(new byte[] { 0x8d, 0x04, 0x37, 0xc3 }, text[..4]);
        var getMagic = product.Functions.Single(f => f.Name == "get_magic");
        Assert.AreEqual(7u, getMagic.Traps.Single().Offset);
    }

    [TestMethod]
    public void SymbolsCarryLinkageAsBindingAndVisibility()
    {
        var elf = Sample();
        AssertSymbol(elf, "add", StbGlobal, SttFunc, StvDefault, defined: true);
        AssertSymbol(elf, "twice", StbLocal, SttFunc, StvDefault, defined: true);
        AssertSymbol(elf, "magic", StbGlobal, SttObject, StvHidden, defined: true);
        AssertSymbol(elf, "counter", StbGlobal, SttObject, StvDefault, defined: true);
        AssertSymbol(elf, "fn_table", StbGlobal, SttObject, StvDefault, defined: true);
        AssertSymbol(elf, "memcmp", StbGlobal, SttNotype, StvDefault, defined: false);
        AssertSymbol(elf, "host_scale", StbGlobal, SttNotype, StvDefault, defined: false);
        Assert.AreEqual(elf.SectionNamed(".rodata").Index, elf.SymbolNamed("magic").Shndx);
        Assert.AreEqual(elf.SectionNamed(".data").Index, elf.SymbolNamed("counter").Shndx);
        Assert.AreEqual(elf.SectionNamed(".data.rel.ro").Index, elf.SymbolNamed("fn_table").Shndx);
        Assert.AreEqual(16UL, elf.SymbolNamed("fn_table").Size);
    }

    [TestMethod]
    public void LocalSymbolsComeFirstAndShInfoMarksTheFirstGlobal()
    {
        var elf = Sample();
        Assert.AreEqual(elf.FirstGlobal, (int)elf.SectionNamed(".symtab").Info);
        Assert.IsTrue(elf.Symbols.Take(elf.FirstGlobal).All(s => s.Bind == StbLocal));
        Assert.IsTrue(elf.Symbols.Skip(elf.FirstGlobal).All(s => s.Bind != StbLocal));
        var sectionSymbols = elf.Symbols.Where(s => s.Type == SttSection).Select(s => elf.Sections[s.Shndx].Name).ToArray();
        CollectionAssert.AreEqual(new[] { ".text", ".data", ".rodata", ".data.rel.ro" }, sectionSymbols);
    }

    [TestMethod]
    public void RelocationsMapKindsAndKeepAddends()
    {
        var elf = Sample();
        var product = SampleObject.Build().Finish();
        ulong At(string function, uint offset) => product.Functions.Single(f => f.Name == function).TextOffset + offset;

        AssertReloc(elf, ".text", At("call_add", 5), RX86_64_PLT32, "add", -4);
        // A direct call to an undefined libcall is written PLT32 so the object links into a shared library.
        AssertReloc(elf, ".text", At("same_mem", 5), RX86_64_PLT32, "memcmp", -4);
        // A direct call to a local function needs no PLT.
        AssertReloc(elf, ".text", At("quad", 5), RX86_64_PC32, "twice", -4);
        AssertReloc(elf, ".text", At("quad", 12), RX86_64_PC32, "twice", -4);
        AssertReloc(elf, ".text", At("get_magic", 2), RX86_64_PC32, "magic", -4);
        AssertReloc(elf, ".text", At("bump", 3), RX86_64_GOTPCREL, "counter", -4);
        AssertReloc(elf, ".text", At("scaled", 5), RX86_64_PLT32, "host_scale", -4);
        AssertReloc(elf, ".data.rel.ro", 0, RX86_64_64, "add", 0);
        AssertReloc(elf, ".data.rel.ro", 8, RX86_64_64, "call_add", 0);
        Assert.HasCount(9, elf.Relocations);
    }

    [TestMethod]
    public void DirectCallToAnExportedFunctionOfTheSameObjectStaysASymbolPlt32()
    {
        var m = new ObjectModule();
        var callee = m.DeclareFunction("callee", Linkage.Export);
        var hidden = m.DeclareFunction("hidden_callee", Linkage.Hidden);
        var caller = m.DeclareFunction("caller", Linkage.Export);
        m.DefineFunctionBytes(callee, [0xc3], 1, [], []);
        m.DefineFunctionBytes(hidden, [0xc3], 1, [], []);
        m.DefineFunctionBytes(caller, [0xe8, 0, 0, 0, 0, 0xe8, 0, 0, 0, 0, 0xc3], 1,
            [new ModuleReloc(1, Reloc.X86CallPCRel4, callee, -4), new ModuleReloc(6, Reloc.X86CallPCRel4, hidden, -4)], []);
        var elf = new ElfFile(m.Finish().Emit());
        AssertReloc(elf, ".text", 3, RX86_64_PLT32, "callee", -4);
        AssertReloc(elf, ".text", 8, RX86_64_PC32, "hidden_callee", -4);
    }

    [TestMethod]
    public void PreemptibleDefinitionsAreWeakAndFileSymbolLeads()
    {
        var m = new ObjectModule(new ObjectModuleOptions { FileSymbolName = "unit.clif" });
        var f = m.DeclareFunction("overridable", Linkage.Preemptible);
        m.DefineFunctionBytes(f, [0xc3], 1, [], []);
        var elf = new ElfFile(m.Finish().Emit());
        AssertSymbol(elf, "overridable", StbWeak, SttFunc, StvDefault, defined: true);
        var file = elf.Symbols[1];
        Assert.AreEqual("unit.clif", file.Name);
        Assert.AreEqual(SttFile, file.Type);
        Assert.AreEqual((ushort)0xfff1, file.Shndx);
    }

    [TestMethod]
    public void LibCallNamingADeclaredFunctionSharesItsSymbol()
    {
        var m = new ObjectModule();
        var own = m.DeclareLibCall(LibCall.Memcpy);
        var f = m.DeclareFunction("copy", Linkage.Export);
        m.DefineFunctionBytes(f, [0xe8, 0, 0, 0, 0, 0xe8, 0, 0, 0, 0, 0xc3], 1,
            [new ModuleReloc(1, Reloc.X86CallPLTRel4, own, -4), new ModuleReloc(6, Reloc.X86CallPLTRel4, LibCall.Memcpy, -4)], []);
        var elf = new ElfFile(m.Finish().Emit());
        Assert.AreEqual(1, elf.Symbols.Count(s => s.Name == "memcpy"));
        Assert.IsTrue(elf.Relocations.All(r => r.Symbol.Name == "memcpy"));
        Assert.HasCount(2, elf.Relocations);
    }

    [TestMethod]
    public void UnreferencedImportsAreLeftOutAndKnownSymbolsAreUndefinedGlobals()
    {
        var m = new ObjectModule();
        m.DeclareFunction("never_called", Linkage.Import);
        var f = m.DeclareFunction("got_base", Linkage.Export);
        // lea rax, [rip + _GLOBAL_OFFSET_TABLE_]; ret
        m.DefineFunctionBytes(f, [0x48, 0x8d, 0x05, 0, 0, 0, 0, 0xc3], 16,
            [new ModuleReloc(3, Reloc.X86PCRel4, KnownSymbol.ElfGlobalOffsetTable, -4)], []);
        var elf = new ElfFile(m.Finish().Emit());
        Assert.IsFalse(elf.Symbols.Any(s => s.Name == "never_called"));
        AssertSymbol(elf, "_GLOBAL_OFFSET_TABLE_", StbGlobal, SttNotype, StvDefault, defined: false);
    }

    [TestMethod]
    public void EmptyModuleStillWritesAValidSkeleton()
    {
        var elf = new ElfFile(new ObjectModule().Finish().Emit());
        CollectionAssert.AreEqual(new[] { "", ".text", ".note.GNU-stack", ".symtab", ".strtab", ".shstrtab" }, elf.Sections.Select(s => s.Name).ToArray());
        Assert.AreEqual(0UL, elf.SectionNamed(".text").Size);
    }

    [TestMethod]
    public void SameCallsGiveIdenticalBytes()
    {
        var first = SampleObject.Build().Finish().Emit();
        var second = SampleObject.Build().Finish().Emit();
        CollectionAssert.AreEqual(first, second);
        var product = SampleObject.Build().Finish();
        var buffer = new ArrayBufferWriter<byte>(1);
        product.WriteTo(buffer);
        CollectionAssert.AreEqual(first, buffer.WrittenSpan.ToArray());
        Assert.AreEqual(first.Length, product.Size);
        CollectionAssert.AreEqual(product.Emit(), product.Emit(), "writing twice gives the same bytes");
    }

    [TestMethod]
    public void DefinitionOrderDecidesTheLayout()
    {
        static byte[] Build(bool swap)
        {
            var m = new ObjectModule();
            var a = m.DeclareFunction("a", Linkage.Export);
            var b = m.DeclareFunction("b", Linkage.Export);
            foreach (var id in swap ? new[] { b, a } : [a, b]) m.DefineFunctionBytes(id, [0x90, 0xc3], 16, [], []);
            return m.Finish().Emit();
        }
        var elfA = new ElfFile(Build(false));
        var elfB = new ElfFile(Build(true));
        Assert.AreEqual(0UL, elfA.SymbolNamed("a").Value);
        Assert.AreEqual(16UL, elfA.SymbolNamed("b").Value);
        Assert.AreEqual(0UL, elfB.SymbolNamed("b").Value);
    }

    private static void AssertSymbol(ElfFile elf, string name, int bind, int type, int visibility, bool defined)
    {
        var s = elf.SymbolNamed(name);
        Assert.AreEqual(bind, s.Bind, $"{name} binding");
        Assert.AreEqual(type, s.Type, $"{name} type");
        Assert.AreEqual(visibility, s.Visibility, $"{name} visibility");
        Assert.AreEqual(defined, s.Shndx != 0, $"{name} defined");
    }

    private static void AssertReloc(ElfFile elf, string section, ulong offset, uint type, string symbol, long addend)
    {
        var r = elf.Relocations.SingleOrDefault(r => r.Section == section && r.Offset == offset);
        Assert.IsNotNull(r, $"no relocation in {section} at {offset}");
        Assert.AreEqual(type, r.Type, $"type at {section}+{offset}");
        Assert.AreEqual(symbol, r.Symbol.Name, $"symbol at {section}+{offset}");
        Assert.AreEqual(addend, r.Addend, $"addend at {section}+{offset}");
    }
}
