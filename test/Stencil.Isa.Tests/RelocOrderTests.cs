using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed class RelocOrderTests
{
    [TestMethod]
    public void SortsByOffsetStablyAndKeepsAMarkerBehindItsRelocation()
    {
        (ulong Offset, Reloc Kind, int Id)[] given =
        [
            (0x24, Reloc.S390xPltRel32Dbl, 0), (0x22, Reloc.S390xTlsGdCall, 1), (0x0c, Reloc.S390xPCRel32Dbl, 2),
            (0x14, Reloc.S390xTlsGd64, 3), (0x14, Reloc.Abs8, 4),
        ];
        var sorted = RelocOrder.Sort(given, r => r.Offset, r => r.Kind);
        CollectionAssert.AreEqual(new[] { 2, 3, 4, 0, 1 }, sorted.Select(r => r.Id).ToArray());
    }

    [TestMethod]
    public void AListAlreadyInOrderIsReturnedAsIs()
    {
        (ulong Offset, Reloc Kind)[] given = [(0x0c, Reloc.S390xPCRel32Dbl), (0x24, Reloc.S390xPltRel32Dbl), (0x22, Reloc.S390xTlsGdCall)];
        Assert.AreSame(given, RelocOrder.Sort(given, r => r.Offset, r => r.Kind));
    }
}
