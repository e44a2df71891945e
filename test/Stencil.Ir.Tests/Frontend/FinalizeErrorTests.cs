using Stencil.Ir.Frontend;
using static Stencil.Ir.Tests.Frontend.FrontendHarness;

namespace Stencil.Ir.Tests.Frontend;

[TestClass]
public sealed class FinalizeErrorTests
{
    [TestMethod]
    public void UnsealedBlockIsReported()
    {
        var b = new FunctionBuilder(NewFunction("unsealed", [], []), new FunctionBuilderContext());
        var entry = b.CreateBlock();
        b.SwitchToBlock(entry);
        b.Return();
        var e = Assert.ThrowsExactly<InvalidOperationException>(b.Finalize);
        StringAssert.Contains(e.Message, "block0 is not sealed");
    }

    [TestMethod]
    public void UnfilledBlockIsReported()
    {
        var b = new FunctionBuilder(NewFunction("unfilled", [], [IrType.I64]), new FunctionBuilderContext());
        var entry = b.CreateBlock();
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        b.Ins().Iconst(IrType.I64, 1);
        var e = Assert.ThrowsExactly<InvalidOperationException>(b.Finalize);
        StringAssert.Contains(e.Message, "block0 is not filled");
    }

    [TestMethod]
    public void BranchTargetNeverFilledIsReported()
    {
        var b = new FunctionBuilder(NewFunction("target", [], []), new FunctionBuilderContext());
        var entry = b.CreateBlock();
        var next = b.CreateBlock();
        b.SwitchToBlock(entry);
        b.Jump(next);
        b.SealAllBlocks();
        var e = Assert.ThrowsExactly<InvalidOperationException>(b.Finalize);
        StringAssert.Contains(e.Message, "block1 is not filled");
    }

    [TestMethod]
    public void BranchBuiltAroundTheBuilderIsReported()
    {
        var b = new FunctionBuilder(NewFunction("bypass", [], []), new FunctionBuilderContext());
        var entry = b.CreateBlock();
        var next = b.CreateBlock();
        b.SwitchToBlock(entry);
        b.Ins().Jump(next);
        b.SwitchToBlock(next);
        b.Return();
        b.SealAllBlocks();
        var e = Assert.ThrowsExactly<InvalidOperationException>(b.Finalize);
        StringAssert.Contains(e.Message, "not built through FunctionBuilder");
    }

    [TestMethod]
    public void MisuseFailsWithClearErrors()
    {
        var func = NewFunction("misuse", [], []);
        var ctx = new FunctionBuilderContext();
        var b = new FunctionBuilder(func, ctx);
        var x = b.DeclareVar(IrType.I32);
        Assert.ThrowsExactly<InvalidOperationException>(() => b.UseVar(x), "no current block");
        var entry = b.CreateBlock();
        var other = b.CreateBlock();
        b.SwitchToBlock(entry);
        Assert.ThrowsExactly<InvalidOperationException>(() => b.DefVar(x, b.Ins().Iconst(IrType.I64, 1)), "type mismatch");
        Assert.ThrowsExactly<InvalidOperationException>(() => b.UseVar(new Variable(9)), "undeclared");
        Assert.ThrowsExactly<InvalidOperationException>(() => b.DeclareVar(x, IrType.I8), "declared twice");
        Assert.ThrowsExactly<InvalidOperationException>(() => b.SwitchToBlock(other), "entry is half built");
        Assert.ThrowsExactly<InvalidOperationException>(() => new FunctionBuilder(NewFunction("second", [], []), ctx), "context busy");
        b.SealBlock(entry);
        Assert.ThrowsExactly<InvalidOperationException>(() => b.Jump(entry), "entry is sealed");
    }
}
