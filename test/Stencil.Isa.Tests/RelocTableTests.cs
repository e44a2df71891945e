using Stencil.Ir;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed class RelocTableTests
{
    [TestMethod]
    public void EveryKindHasExactlyOneRowWithAnElfType()
    {
        foreach (var kind in Enum.GetValues<Reloc>())
        {
            Assert.IsTrue(RelocTable.TryGet(kind, out var info), $"{kind} has no row");
            Assert.AreEqual(kind, info.Kind);
            Assert.IsTrue(info.TryGetElfType(Architecture.X86_64, targetIsPreemptible: false, out _)
                || info.TryGetElfType(Architecture.S390x, targetIsPreemptible: false, out _), $"{kind} has no ELF type");
        }
        CollectionAssert.AreEqual(Enum.GetValues<Reloc>(), RelocTable.All.Select(r => r.Kind).ToArray(), "one row per kind, in kind order");
    }

    [TestMethod]
    public void ValuesThatNameNoKindAreUnknown()
    {
        Assert.IsFalse(RelocTable.TryGet((Reloc)200, out _));
        Assert.ThrowsExactly<InvalidOperationException>(() => RelocTable.Get((Reloc)200));
        Assert.IsFalse(RelocTable.Get(Reloc.Abs8).TryGetElfType(Architecture.Riscv64, false, out _), "no machine is guessed");
    }

    [TestMethod]
    public void PsAbiNumbers()
    {
        // R_X86_64_32, _64, _PC32, _PLT32, _GOTPCREL; a direct call to a preemptible symbol becomes PLT32.
        Assert.AreEqual(10u, Type(Reloc.Abs4, false));
        Assert.AreEqual(1u, Type(Reloc.Abs8, false));
        Assert.AreEqual(2u, Type(Reloc.X86PCRel4, true));
        Assert.AreEqual(2u, Type(Reloc.X86CallPCRel4, false));
        Assert.AreEqual(4u, Type(Reloc.X86CallPCRel4, true));
        Assert.AreEqual(4u, Type(Reloc.X86CallPLTRel4, false));
        Assert.AreEqual(9u, Type(Reloc.X86GOTPCRel4, false));
        Assert.AreEqual(19u, Type(Reloc.X86TlsGd, true));
    }

    [TestMethod]
    public void S390xPsAbiNumbers()
    {
        // /usr/include/elf.h: R_390_32 4, R_390_64 22, PC32DBL 19, PLT32DBL 20, TLS_GDCALL 38, TLS_GD64 41.
        Assert.AreEqual(4u, S390xType(Reloc.Abs4));
        Assert.AreEqual(22u, S390xType(Reloc.Abs8));
        Assert.AreEqual(19u, S390xType(Reloc.S390xPCRel32Dbl));
        Assert.AreEqual(20u, S390xType(Reloc.S390xPltRel32Dbl));
        Assert.AreEqual(41u, S390xType(Reloc.S390xTlsGd64));
        Assert.AreEqual(38u, S390xType(Reloc.S390xTlsGdCall));
        foreach (var kind in new[] { Reloc.X86PCRel4, Reloc.X86CallPCRel4, Reloc.X86CallPLTRel4, Reloc.X86GOTPCRel4, Reloc.X86TlsGd })
            Assert.IsFalse(RelocTable.Get(kind).TryGetElfType(Architecture.S390x, false, out _), $"{kind} is x86-only");
        foreach (var kind in new[] { Reloc.S390xPCRel32Dbl, Reloc.S390xPltRel32Dbl, Reloc.S390xTlsGd64, Reloc.S390xTlsGdCall })
            Assert.IsFalse(RelocTable.Get(kind).TryGetElfType(Architecture.X86_64, false, out _), $"{kind} is s390x-only");
    }

    [TestMethod]
    public void HalfwordFieldsAreScaledAndMustBeEven()
    {
        var dbl = RelocTable.Get(Reloc.S390xPCRel32Dbl);
        Assert.IsTrue(dbl.IsPcRelative);
        Assert.IsFalse(dbl.Fits(3), "an odd distance cannot be counted in halfwords");
        Assert.IsTrue(dbl.Fits(2 * (long)int.MinValue));
        Assert.IsFalse(dbl.Fits(2 * (int.MaxValue + 1L)));
        var field = new byte[4];
        Assert.IsTrue(dbl.TryWrite(field, -4, Endianness.Big));
        CollectionAssert.AreEqual(new byte[] { 0xFF, 0xFF, 0xFF, 0xFE }, field);
        Assert.IsTrue(RelocTable.Get(Reloc.S390xPltRel32Dbl).TryWrite(field, 0x20, Endianness.Big));
        CollectionAssert.AreEqual(new byte[] { 0, 0, 0, 0x10 }, field);
    }

    [TestMethod]
    public void TlsKindsAreLeftToTheLinker()
    {
        var marker = RelocTable.Get(Reloc.S390xTlsGdCall);
        Assert.AreEqual(0, marker.Width, "the call marker patches no bytes");
        Assert.AreEqual(RelocFormula.Marker, marker.Formula);
        Assert.AreEqual(8, RelocTable.Get(Reloc.S390xTlsGd64).Width);
        Assert.AreEqual(RelocFormula.TlsGeneralDynamic, RelocTable.Get(Reloc.S390xTlsGd64).Formula);
        Assert.AreEqual(4, RelocTable.Get(Reloc.X86TlsGd).Width);
        Assert.AreEqual(RelocFormula.TlsGeneralDynamic, RelocTable.Get(Reloc.X86TlsGd).Formula);
        Assert.IsFalse(RelocTable.Get(Reloc.X86TlsGd).IsPcRelative, "not a formula the JIT may apply");
    }

    [TestMethod]
    public void FieldsAreCheckedForRangeAndWrittenInEitherByteOrder()
    {
        var abs4 = RelocTable.Get(Reloc.Abs4);
        var pc4 = RelocTable.Get(Reloc.X86PCRel4);
        Assert.IsTrue(abs4.Fits(uint.MaxValue));
        Assert.IsFalse(abs4.Fits(-1), "R_X86_64_32 zero-extends");
        Assert.IsFalse(abs4.Fits(1L << 32));
        Assert.IsTrue(pc4.Fits(int.MinValue));
        Assert.IsFalse(pc4.Fits(int.MaxValue + 1L));
        Assert.IsTrue(RelocTable.Get(Reloc.Abs8).Fits(long.MinValue));

        var field = new byte[6];
        Assert.IsTrue(pc4.TryWrite(field, -2, Endianness.Little));
        CollectionAssert.AreEqual(new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0, 0 }, field);
        Assert.IsTrue(abs4.TryWrite(field, 0x01020304, Endianness.Big));
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4, 0, 0 }, field);
        Assert.IsFalse(pc4.TryWrite(field, 1L << 40, Endianness.Little));
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4, 0, 0 }, field, "nothing is written when the value does not fit");
    }

    private static uint S390xType(Reloc kind) =>
        RelocTable.Get(kind).TryGetElfType(Architecture.S390x, false, out var type) ? type : throw new AssertFailedException($"{kind}");

    private static uint Type(Reloc kind, bool preemptible) =>
        RelocTable.Get(kind).TryGetElfType(Architecture.X86_64, preemptible, out var type) ? type : throw new AssertFailedException($"{kind}");
}
