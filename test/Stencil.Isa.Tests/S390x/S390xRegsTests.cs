using Stencil.Isa.Backend;
using Stencil.Isa.S390x;

namespace Stencil.Isa.Tests.S390x;

/// <summary>The System z ABI facts as the s390x backend states them.</summary>
[TestClass]
public sealed class S390xRegsTests
{
    private static Reg G(int n) => Reg.Phys(n, RegClass.Int);
    private static Reg F(int n) => Reg.Phys(n, RegClass.Float);

    [TestMethod]
    public void ArgumentAndResultRegistersAreTheAbis()
    {
        CollectionAssert.AreEqual(new[] { G(2), G(3), G(4), G(5), G(6) }, S390xRegs.Abi.IntArgs.ToArray());
        CollectionAssert.AreEqual(new[] { F(0), F(2), F(4), F(6) }, S390xRegs.Abi.FloatArgs.ToArray());
        CollectionAssert.AreEqual(new[] { G(2) }, S390xRegs.Abi.IntRets.ToArray());
        CollectionAssert.AreEqual(new[] { F(0) }, S390xRegs.Abi.FloatRets.ToArray());
        Assert.AreEqual(G(15), S390xRegs.StackPointer);
        Assert.AreEqual(G(14), S390xRegs.ReturnAddress);
        Assert.AreEqual(160, S390xRegs.RegisterSaveAreaBytes);
    }

    [TestMethod]
    public void CallsPreserveExactlyTheCalleeSavedRegisters()
    {
        for (int n = 0; n < 16; n++)
        {
            Assert.AreEqual(n >= 6, S390xRegs.IsCalleeSaved(G(n)), $"r{n}");
            Assert.AreEqual(n >= 8, S390xRegs.IsCalleeSaved(F(n)), $"f{n}");
            Assert.AreNotEqual(S390xRegs.IsCalleeSaved(F(n)), S390xRegs.CallClobbers.Contains(F(n)), $"f{n} is saved or clobbered");
        }
        foreach (var r in S390xRegs.CallClobbers.Where(r => r.Class == RegClass.Int))
            Assert.IsTrue(r.HwEnc < 6 || r == S390xRegs.ReturnAddress, $"{r} is clobbered");
    }

    [TestMethod]
    public void TheAllocatorNeverHandsOutTheStackPointerOrTheEmittersTemporaries()
    {
        foreach (var reserved in (Reg[])[S390xRegs.StackPointer, .. S390xRegs.IntScratch])
            Assert.IsFalse(S390xRegs.Env.IntRegs.Contains(reserved), $"{reserved} is allocatable");
        foreach (var reserved in S390xRegs.FloatScratch)
        {
            Assert.IsFalse(S390xRegs.Env.FloatRegs.Contains(reserved), $"{reserved} is allocatable");
            Assert.IsFalse(S390xRegs.IsCalleeSaved(reserved) || S390xRegs.FloatArgs.Contains(reserved), $"{reserved} must be free to overwrite");
        }
        Assert.AreEqual(S390xRegs.SpillTemp, S390xRegs.IntScratch[0], "r1 first: r0 cannot be a base register");
        Assert.AreEqual(13, S390xRegs.Env.IntRegs.Count);
        Assert.AreEqual(14, S390xRegs.Env.FloatRegs.Count);
    }
}
