using Stencil.Ir.Entities;

namespace Stencil.Ir.Tests.Core;

[TestClass]
public sealed class LayoutTests
{
    [TestMethod]
    public void BlocksAndInstructionsKeepTheirOrder()
    {
        var layout = new Layout();
        Block b0 = new(0), b1 = new(1);
        layout.AppendBlock(b1);
        layout.AppendBlock(b0);
        layout.AppendInst(new Inst(0), b0);
        layout.AppendInst(new Inst(2), b1);
        layout.InsertInst(new Inst(1), b0, 0);
        CollectionAssert.AreEqual(new[] { b1, b0 }, layout.Blocks.ToArray());
        CollectionAssert.AreEqual(new[] { new Inst(1), new Inst(0) }, layout.BlockInsts(b0).ToArray());
        CollectionAssert.AreEqual(new[] { new Inst(2), new Inst(1), new Inst(0) }, layout.Insts().ToArray());
        Assert.AreEqual(b0, layout.InstBlock(new Inst(1)));
        Assert.AreEqual(new Inst(0), layout.LastInst(b0));

        layout.RemoveInst(new Inst(1));
        Assert.IsNull(layout.InstBlock(new Inst(1)));
        layout.RemoveBlocksWhere(b => b == b1);
        Assert.IsFalse(layout.IsBlockInserted(b1));
        Assert.IsNull(layout.InstBlock(new Inst(2)));
        Assert.IsEmpty(layout.BlockInsts(b1));
    }

    [TestMethod]
    public void MisuseIsRefusedAsBefore()
    {
        var layout = new Layout();
        var b = new Block(0);
        Assert.ThrowsExactly<InvalidOperationException>(() => layout.AppendInst(new Inst(0), b));
        layout.AppendBlock(b);
        Assert.ThrowsExactly<InvalidOperationException>(() => layout.AppendBlock(b));
        layout.AppendInst(new Inst(0), b);
        Assert.ThrowsExactly<InvalidOperationException>(() => layout.AppendInst(new Inst(0), b));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => layout.InsertInst(new Inst(1), b, 5));
        Assert.ThrowsExactly<InvalidOperationException>(() => layout.MoveBlock(new Block(7), 0));
    }

    [TestMethod]
    public void HugeEntityNumbersDoNotNeedHugeTables()
    {
        // Only a damaged function has such numbers; the layout must still hold them without gigabytes of table.
        var layout = new Layout();
        var far = new Block(uint.MaxValue - 1);
        var near = new Block(3);
        layout.AppendBlock(far);
        layout.AppendBlock(near);
        layout.AppendInst(new Inst(4_000_000_000), far);
        layout.AppendInst(new Inst(2), near);
        Assert.IsTrue(layout.IsBlockInserted(far));
        Assert.AreEqual(far, layout.InstBlock(new Inst(4_000_000_000)));
        Assert.IsNull(layout.InstBlock(new Inst(3_999_999_999)));
        layout.RemoveInst(new Inst(4_000_000_000));
        Assert.IsEmpty(layout.BlockInsts(far));
        Assert.AreEqual(near, layout.InstBlock(new Inst(2)));
    }
}
