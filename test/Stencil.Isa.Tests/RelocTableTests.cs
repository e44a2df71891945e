using Stencil.Ir;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed class RelocTableTests
{
    [TestMethod]
    public void EveryKindHasExactlyOneRowWithAnX86ElfType()
    {
        foreach (var kind in Enum.GetValues<Reloc>())
        {
            Assert.IsTrue(RelocTable.TryGet(kind, out var info), $"{kind} has no row");
            Assert.AreEqual(kind, info.Kind);
            Assert.IsTrue(info.TryGetElfType(Architecture.X86_64, targetIsPreemptible: false, out _), $"{kind} has no x86-64 ELF type");
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

    private static uint Type(Reloc kind, bool preemptible) =>
        RelocTable.Get(kind).TryGetElfType(Architecture.X86_64, preemptible, out var type) ? type : throw new AssertFailedException($"{kind}");
}
