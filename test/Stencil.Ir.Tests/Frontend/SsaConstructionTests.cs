using Stencil.Ir.Entities;
using Stencil.Ir.Frontend;
using Stencil.Ir.Interpretation;
using static Stencil.Ir.Tests.Frontend.FrontendHarness;

namespace Stencil.Ir.Tests.Frontend;

[TestClass]
public sealed class SsaConstructionTests
{
    /// <summary>acc = 1; i = n; while (i != 0) { acc *= i; i -= 1; } return acc;</summary>
    private static (Function Func, Block Header) Factorial(bool sealAtEnd)
    {
        var func = NewFunction("fact", [IrType.I64], [IrType.I64]);
        var b = new FunctionBuilder(func, new FunctionBuilderContext());
        var entry = b.CreateBlock();
        var header = b.CreateBlock();
        var body = b.CreateBlock();
        var exit = b.CreateBlock();
        var acc = b.DeclareVar(IrType.I64);
        var i = b.DeclareVar(IrType.I64);

        b.AppendBlockParamsForFunctionParams(entry);
        b.SwitchToBlock(entry);
        if (!sealAtEnd) b.SealBlock(entry);
        b.DefVar(acc, b.Ins().Iconst(IrType.I64, 1));
        b.DefVar(i, b.BlockParams(entry)[0]);
        b.Jump(header);

        b.SwitchToBlock(header);
        var done = b.Ins().IcmpImm(IntCC.Equal, b.UseVar(i), 0);
        b.Brif(done, exit, [], body, []);

        b.SwitchToBlock(body);
        if (!sealAtEnd) b.SealBlock(body);
        b.DefVar(acc, b.Ins().Imul(b.UseVar(acc), b.UseVar(i)));
        b.DefVar(i, b.Ins().IaddImm(b.UseVar(i), -1));
        b.Jump(header);
        if (!sealAtEnd) b.SealBlock(header);

        b.SwitchToBlock(exit);
        if (!sealAtEnd) b.SealBlock(exit);
        b.Return(b.UseVar(acc));
        if (sealAtEnd) b.SealAllBlocks();
        b.Finalize();
        return (func, header);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void IterativeFactorialComputesAndGetsTwoLoopParameters(bool sealAtEnd)
    {
        var (func, header) = Factorial(sealAtEnd);
        VerifyAndPrint(func);
        Assert.HasCount(2, func.Dfg.BlockParams(header));
        Assert.AreEqual(3628800L, RunSingle(func, I64(10)).AsInt64());
        Assert.AreEqual(1L, RunSingle(func, I64(0)).AsInt64());
        Assert.AreEqual(1L, RunSingle(func, I64(1)).AsInt64());
    }

    [TestMethod]
    public void BuildingTwiceGivesIdenticalText()
    {
        var first = VerifyAndPrint(Factorial(false).Func);
        var second = VerifyAndPrint(Factorial(false).Func);
        Assert.AreEqual(first, second);
    }

    [TestMethod]
    public void IterativeFibonacci()
    {
        var func = NewFunction("fib", [IrType.I64], [IrType.I64]);
        var b = new FunctionBuilder(func, new FunctionBuilderContext());
        var entry = b.CreateBlock();
        var header = b.CreateBlock();
        var body = b.CreateBlock();
        var exit = b.CreateBlock();
        var x = b.DeclareVar(IrType.I64);
        var y = b.DeclareVar(IrType.I64);
        var n = b.DeclareVar(IrType.I64);

        b.AppendBlockParamsForFunctionParams(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        b.DefVar(n, b.BlockParams(entry)[0]);
        b.DefVar(x, b.Ins().Iconst(IrType.I64, 0));
        b.DefVar(y, b.Ins().Iconst(IrType.I64, 1));
        b.Jump(header);

        b.SwitchToBlock(header);
        b.Brif(b.UseVar(n), body, [], exit, []);

        b.SwitchToBlock(body);
        b.SealBlock(body);
        var next = b.Ins().Iadd(b.UseVar(x), b.UseVar(y));
        b.DefVar(x, b.UseVar(y));
        b.DefVar(y, next);
        b.DefVar(n, b.Ins().IaddImm(b.UseVar(n), -1));
        b.Jump(header);
        b.SealBlock(header);

        b.SwitchToBlock(exit);
        b.SealBlock(exit);
        b.Return(b.UseVar(x));
        b.Finalize();

        VerifyAndPrint(func);
        long[] expected = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55];
        for (int k = 0; k < expected.Length; k++) Assert.AreEqual(expected[k], RunSingle(func, I64(k)).AsInt64(), $"fib({k})");
        Assert.AreEqual(12586269025L, RunSingle(func, I64(50)).AsInt64());
    }

    /// <summary>sum = 0; for (i = 0; i &lt; n; i++) for (j = 0; j &lt; m; j++) sum += i * j + k; where k never changes.</summary>
    [TestMethod]
    public void NestedLoops()
    {
        var func = NewFunction("nested", [IrType.I64, IrType.I64, IrType.I64], [IrType.I64]);
        var b = new FunctionBuilder(func, new FunctionBuilderContext());
        var entry = b.CreateBlock();
        var outer = b.CreateBlock();
        var outerBody = b.CreateBlock();
        var inner = b.CreateBlock();
        var innerBody = b.CreateBlock();
        var outerLatch = b.CreateBlock();
        var exit = b.CreateBlock();
        var n = b.DeclareVar(IrType.I64);
        var m = b.DeclareVar(IrType.I64);
        var k = b.DeclareVar(IrType.I64);
        var sum = b.DeclareVar(IrType.I64);
        var i = b.DeclareVar(IrType.I64);
        var j = b.DeclareVar(IrType.I64);

        b.AppendBlockParamsForFunctionParams(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        b.DefVar(n, b.BlockParams(entry)[0]);
        b.DefVar(m, b.BlockParams(entry)[1]);
        b.DefVar(k, b.BlockParams(entry)[2]);
        b.DefVar(sum, b.Ins().Iconst(IrType.I64, 0));
        b.DefVar(i, b.Ins().Iconst(IrType.I64, 0));
        b.Jump(outer);

        b.SwitchToBlock(outer);
        b.Brif(b.Ins().Icmp(IntCC.SignedLessThan, b.UseVar(i), b.UseVar(n)), outerBody, [], exit, []);

        b.SwitchToBlock(outerBody);
        b.SealBlock(outerBody);
        b.DefVar(j, b.Ins().Iconst(IrType.I64, 0));
        b.Jump(inner);

        b.SwitchToBlock(inner);
        b.Brif(b.Ins().Icmp(IntCC.SignedLessThan, b.UseVar(j), b.UseVar(m)), innerBody, [], outerLatch, []);

        b.SwitchToBlock(innerBody);
        b.SealBlock(innerBody);
        var product = b.Ins().Imul(b.UseVar(i), b.UseVar(j));
        b.DefVar(sum, b.Ins().Iadd(b.UseVar(sum), b.Ins().Iadd(product, b.UseVar(k))));
        b.DefVar(j, b.Ins().IaddImm(b.UseVar(j), 1));
        b.Jump(inner);
        b.SealBlock(inner);

        b.SwitchToBlock(outerLatch);
        b.SealBlock(outerLatch);
        b.DefVar(i, b.Ins().IaddImm(b.UseVar(i), 1));
        b.Jump(outer);
        b.SealBlock(outer);

        b.SwitchToBlock(exit);
        b.SealBlock(exit);
        b.Return(b.UseVar(sum));
        b.Finalize();

        VerifyAndPrint(func);
        foreach (var (nv, mv, kv) in new[] { (0L, 5L, 1L), (3L, 4L, 0L), (5L, 7L, 2L), (10L, 1L, 3L) })
        {
            long expected = 0;
            for (long a = 0; a < nv; a++) for (long c = 0; c < mv; c++) expected += a * c + kv;
            Assert.AreEqual(expected, RunSingle(func, I64(nv), I64(mv), I64(kv)).AsInt64(), $"n={nv} m={mv} k={kv}");
        }
        // n, m and k are only read inside the loops: no header may carry them as parameters.
        Assert.HasCount(2, func.Dfg.BlockParams(outer), "outer header: sum and i");
        Assert.HasCount(2, func.Dfg.BlockParams(inner), "inner header: sum and j");
    }

    [TestMethod]
    public void LoopInvariantVariableGetsNoBlockParameter()
    {
        var func = NewFunction("invariant", [IrType.I64, IrType.I64], [IrType.I64]);
        var ctx = new FunctionBuilderContext();
        var b = new FunctionBuilder(func, ctx);
        var entry = b.CreateBlock();
        var header = b.CreateBlock();
        var body = b.CreateBlock();
        var exit = b.CreateBlock();
        var step = b.DeclareVar(IrType.I64);
        var count = b.DeclareVar(IrType.I64);
        var total = b.DeclareVar(IrType.I64);

        b.AppendBlockParamsForFunctionParams(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        b.DefVar(count, b.BlockParams(entry)[0]);
        b.DefVar(step, b.BlockParams(entry)[1]);
        b.DefVar(total, b.Ins().Iconst(IrType.I64, 0));
        b.Jump(header);

        // The header is read from before its back edge exists, so step starts out as a pending placeholder.
        b.SwitchToBlock(header);
        b.Brif(b.UseVar(count), body, [], exit, []);

        b.SwitchToBlock(body);
        b.SealBlock(body);
        b.DefVar(total, b.Ins().Iadd(b.UseVar(total), b.UseVar(step)));
        b.DefVar(count, b.Ins().IaddImm(b.UseVar(count), -1));
        b.Jump(header);
        b.SealBlock(header);

        b.SwitchToBlock(exit);
        b.SealBlock(exit);
        b.Return(b.UseVar(total));
        b.Finalize();

        var text = VerifyAndPrint(func);
        var headerParams = func.Dfg.BlockParams(header);
        Assert.HasCount(2, headerParams, "only count and total vary around the loop");
        var stepValue = func.Dfg.BlockParams(entry)[1];
        var add = func.Layout.BlockInsts(body).Select(ins => func.Dfg[ins]).Single(d => d.Opcode == Opcode.Iadd);
        Assert.AreEqual(stepValue, add.Args[1], "step must be read straight from the function parameter");
        Assert.AreEqual(35L, RunSingle(func, I64(5), I64(7)).AsInt64());
        Assert.IsTrue(ctx.IsEmpty, "finalize releases the context");
        StringAssert.Contains(text, "block1(");
    }

    /// <summary>x is defined only on the taken branch; the other path reads it as zero.</summary>
    [TestMethod]
    public void VariableDefinedOnOneBranchMergesWithZero()
    {
        var func = NewFunction("onebranch", [IrType.I64], [IrType.I64]);
        var b = new FunctionBuilder(func, new FunctionBuilderContext());
        var entry = b.CreateBlock();
        var then = b.CreateBlock();
        var merge = b.CreateBlock();
        var x = b.DeclareVar(IrType.I64);
        var y = b.DeclareVar(IrType.I64);

        b.AppendBlockParamsForFunctionParams(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        b.DefVar(y, b.Ins().Iconst(IrType.I64, 100));
        var big = b.Ins().IcmpImm(IntCC.SignedGreaterThan, b.BlockParams(entry)[0], 5);
        b.Brif(big, then, [], merge, []);

        b.SwitchToBlock(then);
        b.SealBlock(then);
        b.DefVar(x, b.Ins().Iconst(IrType.I64, 7));
        b.Jump(merge);

        b.SwitchToBlock(merge);
        b.SealBlock(merge);
        b.Return(b.Ins().Iadd(b.UseVar(x), b.UseVar(y)));
        b.Finalize();

        VerifyAndPrint(func);
        Assert.HasCount(1, func.Dfg.BlockParams(merge), "x differs between the edges, y does not");
        Assert.AreEqual(107L, RunSingle(func, I64(10)).AsInt64());
        Assert.AreEqual(100L, RunSingle(func, I64(1)).AsInt64());
    }

    [TestMethod]
    public void BrTableArmsMergeThroughOneParameter()
    {
        var func = NewFunction("switch", [IrType.I32], [IrType.I64]);
        var b = new FunctionBuilder(func, new FunctionBuilderContext());
        var entry = b.CreateBlock();
        Block[] arms = [b.CreateBlock(), b.CreateBlock(), b.CreateBlock()];
        var fallback = b.CreateBlock();
        var merge = b.CreateBlock();
        var r = b.DeclareVar(IrType.I64);

        b.AppendBlockParamsForFunctionParams(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        b.DefVar(r, b.Ins().Iconst(IrType.I64, -1));
        b.BrTable(b.BlockParams(entry)[0], BlockCall.To(fallback), [BlockCall.To(arms[0]), BlockCall.To(arms[1]), BlockCall.To(arms[2]), BlockCall.To(arms[1])]);
        for (int a = 0; a < arms.Length; a++)
        {
            b.SwitchToBlock(arms[a]);
            b.SealBlock(arms[a]);
            b.DefVar(r, b.Ins().Iconst(IrType.I64, (a + 1) * 10));
            b.Jump(merge);
        }
        b.SwitchToBlock(fallback);
        b.SealBlock(fallback);
        b.Jump(merge);
        b.SwitchToBlock(merge);
        b.SealBlock(merge);
        b.Return(b.UseVar(r));
        b.Finalize();

        VerifyAndPrint(func);
        long[] expected = [10, 20, 30, 20, -1, -1];
        for (int k = 0; k < expected.Length; k++)
            Assert.AreEqual(expected[k], RunSingle(func, DataValue.Int(IrType.I32, k)).AsInt64(), $"index {k}");
    }

    [TestMethod]
    public void PristineAndUnreachableReflectTheCurrentBlock()
    {
        var func = NewFunction("states", [], [IrType.I64]);
        var b = new FunctionBuilder(func, new FunctionBuilderContext());
        var entry = b.CreateBlock();
        var dead = b.CreateBlock();
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        Assert.IsTrue(b.IsPristine());
        Assert.IsFalse(b.IsUnreachable(), "the entry block is always reachable");
        b.Return(b.Ins().Iconst(IrType.I64, 3));
        Assert.IsFalse(b.IsPristine());
        Assert.IsTrue(b.IsFilled());

        b.SwitchToBlock(dead);
        b.SealBlock(dead);
        Assert.IsTrue(b.IsUnreachable());
        b.Trap(TrapCode.Unreachable);
        b.Finalize();
        VerifyAndPrint(func);
        Assert.AreEqual(3L, RunSingle(func).AsInt64());
    }

    /// <summary>x += 1 on one side of each of many diamonds, read only at the very end: the read walks every merge.</summary>
    [TestMethod]
    public void LongChainOfDiamondsReadOnceAtTheEnd()
    {
        const int diamonds = 400;
        var func = NewFunction("diamonds", [IrType.I64], [IrType.I64]);
        var b = new FunctionBuilder(func, new FunctionBuilderContext());
        var x = b.DeclareVar(IrType.I64);
        var entry = b.CreateBlock();
        b.AppendBlockParamsForFunctionParams(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var p = b.BlockParams(entry)[0];
        b.DefVar(x, b.Ins().Iconst(IrType.I64, 0));
        for (int d = 0; d < diamonds; d++)
        {
            var side = b.CreateBlock();
            var merge = b.CreateBlock();
            b.Brif(b.Ins().IcmpImm(IntCC.UnsignedGreaterThan, p, d), side, [], merge, []);
            b.SwitchToBlock(side);
            b.SealBlock(side);
            b.DefVar(x, b.Ins().IaddImm(b.UseVar(x), 1));
            b.Jump(merge);
            b.SwitchToBlock(merge);
            b.SealBlock(merge);
        }
        b.Return(b.UseVar(x));
        b.Finalize();
        Assert.IsEmpty(Stencil.Ir.Verification.Verifier.Verify(func));
        Assert.AreEqual(0L, RunSingle(func, I64(0)).AsInt64());
        Assert.AreEqual(17L, RunSingle(func, I64(17)).AsInt64());
        Assert.AreEqual(diamonds, RunSingle(func, I64(100000)).AsInt64());
    }

    [TestMethod]
    public void ContextIsReusableAcrossFunctions()
    {
        var ctx = new FunctionBuilderContext();
        var results = new List<long>();
        foreach (var k in new long[] { 5, 9 })
        {
            var func = NewFunction("reuse", [], [IrType.F64]);
            var b = new FunctionBuilder(func, ctx);
            var f = b.DeclareVar(IrType.F64);
            var entry = b.CreateBlock();
            b.SwitchToBlock(entry);
            b.SealBlock(entry);
            // Read before any definition: a float variable starts out as +0.0.
            var start = b.UseVar(f);
            b.DefVar(f, b.Ins().Binary(Opcode.Fadd, start, b.Ins().F64const(k + 0.5)));
            b.Return(b.UseVar(f));
            b.Finalize();
            Assert.IsTrue(ctx.IsEmpty);
            VerifyAndPrint(func);
            results.Add((long)(RunSingle(func).AsF64() * 10));
        }
        CollectionAssert.AreEqual(new long[] { 55, 95 }, results);
    }
}
