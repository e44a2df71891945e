using Stencil.Ir;
using Stencil.Isa.Backend;

namespace Stencil.Isa.Tests;

/// <summary>The shared machine layer parameterised by a machine other than x86-64's, as a second backend will.</summary>
[TestClass]
public sealed class MachineFrameworkTests
{
    private static Reg G(int n) => Reg.Phys(n, RegClass.Int);
    private static Reg F(int n) => Reg.Phys(n, RegClass.Float);

    [TestMethod]
    public void SpillSlotsAreSizedAndAlignedByRegisterClass()
    {
        var env = new MachineEnv([G(2)], [F(0)], IntSpillBytes: 8, FloatSpillBytes: 16);
        var ra = new RegAllocResult([], [RegClass.Int, RegClass.Float, RegClass.Int, RegClass.Int, RegClass.Float], []);
        var area = SpillArea.Of(ra, env);
        CollectionAssert.AreEqual(new[] { 0, 16, 32, 40, 48 }, area.Offsets);
        Assert.AreEqual(64, area.Bytes);
        Assert.AreEqual(16, area.Alignment);
        var none = SpillArea.Of(new RegAllocResult([], [], []), env);
        Assert.AreEqual(0, none.Bytes);
        Assert.AreEqual(16, none.Alignment, "the area's alignment is the machine's, spills or not");
    }

    [TestMethod]
    public void AbiPlacementFollowsTheBackendsRegistersAndOverflowRule()
    {
        // System z's argument registers: r2-r6 and f0, f2, f4, f6; results in r2 and f0.
        var regs = Stencil.Isa.S390x.S390xRegs.Abi;
        RegClass? ClassOf(AbiParam p) => p.Type == IrType.I128 ? null : p.Type.IsInt ? RegClass.Int : RegClass.Float;
        AbiParam[] ps = [new(IrType.I64), new(IrType.F64), new(IrType.I128), new(IrType.I32), new(IrType.I128), new(IrType.F32), new(IrType.I8)];
        var locs = AbiPlacement.Params(ps, regs, firstIntArg: 1, ClassOf, out int stackBytes);
        Assert.AreEqual(G(3), locs[0][0].Reg);
        Assert.AreEqual(F(0), locs[1][0].Reg);
        CollectionAssert.AreEqual(new[] { G(4), G(5) }, locs[2].Select(l => l.Reg).ToArray(), "a pair takes two integer registers, low half first");
        Assert.AreEqual(G(6), locs[3][0].Reg);
        CollectionAssert.AreEqual(new[] { 0, 8 }, locs[4].Select(l => l.StackOffset).ToArray(), "no registers left: a 16-byte aligned stack pair");
        Assert.IsTrue(locs[4].All(l => l.OnStack));
        Assert.AreEqual(F(2), locs[5][0].Reg);
        Assert.AreEqual(16, locs[6][0].StackOffset);
        Assert.AreEqual(32, stackBytes, "24 bytes of stack arguments, rounded to 16");

        int area = 0;
        var returns = AbiPlacement.Returns([new(IrType.I64), new(IrType.I64), new(IrType.F32)], regs, ClassOf, _ => AbiLocation.Stack((area += 8) - 8));
        Assert.AreEqual(G(2), returns[0][0].Reg);
        Assert.IsTrue(returns[1][0].OnStack, "the second integer result overflows");
        Assert.AreEqual(F(0), returns[2][0].Reg);
        Assert.AreEqual(8, area);
    }
}
