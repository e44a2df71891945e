using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class ControlFlowExecutionTests
{
    private static readonly long[] Samples = [0, 1, -1, 2, -2, 127, 128, -128, 255, 0x7FFF, 0x8000, int.MaxValue, int.MinValue, uint.MaxValue, long.MaxValue, long.MinValue];

    private static bool Reference(IntCC cc, long a, long b, int bits) => cc.Evaluate((ulong)a, (ulong)b, bits);

    [TestMethod]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(32)]
    [DataRow(64)]
    public void IcmpMaterializedAndFusedIntoSelect(int bits)
    {
        var t = IrType.IntOfBits(bits);
        foreach (var cc in Enum.GetValues<IntCC>())
        {
            // Materialized: the i8 result escapes through uextend.
            using var flag = TestIr.Binary64((i, a, b) =>
            {
                var x = bits == 64 ? a : i.Convert(Opcode.Ireduce, t, a);
                var y = bits == 64 ? b : i.Convert(Opcode.Ireduce, t, b);
                return i.Convert(Opcode.Uextend, IrType.I64, i.Icmp(cc, x, y));
            });
            // Fused: the compare only feeds a select.
            using var sel = TestIr.Binary64((i, a, b) =>
            {
                var x = bits == 64 ? a : i.Convert(Opcode.Ireduce, t, a);
                var y = bits == 64 ? b : i.Convert(Opcode.Ireduce, t, b);
                return i.Select(i.Icmp(cc, x, y), i.Iconst(IrType.I64, 111), i.Iconst(IrType.I64, 222));
            });
            var f1 = (delegate* unmanaged<long, long, long>)flag[0];
            var f2 = (delegate* unmanaged<long, long, long>)sel[0];
            foreach (var a in Samples)
                foreach (var b in Samples)
                {
                    bool expected = Reference(cc, a, b, bits);
                    Assert.AreEqual(expected ? 1L : 0L, f1(a, b), $"icmp {cc.ToText()}.{t} {a} {b}");
                    Assert.AreEqual(expected ? 111L : 222L, f2(a, b), $"select icmp {cc.ToText()}.{t} {a} {b}");
                }
        }
    }

    [TestMethod]
    public void IcmpImmAndSelectOnPlainValue()
    {
        using var img = TestIr.Binary64((i, a, b) => i.Select(i.IcmpImm(IntCC.SignedLessThan, a, -5), a, b));
        var fn = (delegate* unmanaged<long, long, long>)img[0];
        Assert.AreEqual(-6L, fn(-6, 9));
        Assert.AreEqual(9L, fn(-5, 9));
        using var big = TestIr.Binary64((i, a, b) => i.Convert(Opcode.Uextend, IrType.I64, i.IcmpImm(IntCC.UnsignedGreaterThan, a, 0x1_0000_0000)));
        var g = (delegate* unmanaged<long, long, long>)big[0];
        Assert.AreEqual(1L, g(0x1_0000_0001, 0));
        Assert.AreEqual(0L, g(0x1_0000_0000, 0));
        // select on a non-compare condition: any non-zero value is true.
        using var plain = TestIr.Binary64((i, a, b) => i.Select(i.Convert(Opcode.Ireduce, IrType.I8, a), i.Iconst(IrType.I64, 1), b));
        var h = (delegate* unmanaged<long, long, long>)plain[0];
        Assert.AreEqual(1L, h(0x100 | 4, 7));
        Assert.AreEqual(7L, h(0x100, 7));
    }

    /// <summary>sum(n) = n + (n-1) + ... + 1 with a loop whose block parameters carry the state.</summary>
    [TestMethod]
    public void LoopWithBlockParameters()
    {
        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var dfg = f.Dfg;
        var loop = dfg.MakeBlock();
        var i = dfg.AppendBlockParam(loop, IrType.I64);
        var acc = dfg.AppendBlockParam(loop, IrType.I64);
        var exit = dfg.MakeBlock();
        var result = dfg.AppendBlockParam(exit, IrType.I64);
        var zero = c.Ins().Iconst(IrType.I64, 0);
        c.Ins().Jump(loop, a[0], zero);
        c.AtBottom(loop);
        var done = c.Ins().IcmpImm(IntCC.Equal, i, 0);
        var next = c.Ins().IaddImm(i, -1);
        var sum = c.Ins().Iadd(acc, i);
        c.Ins().Brif(done, exit, [acc], loop, [next, sum]);
        c.AtBottom(exit);
        c.Ins().Return(result);
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<long, long>)img[0];
        Assert.AreEqual(0L, fn(0));
        Assert.AreEqual(1L, fn(1));
        Assert.AreEqual(5050L, fn(100));
        Assert.AreEqual(500000500000L, fn(1000000));
    }

    /// <summary>Block arguments that permute the block's own parameters need the cycle broken.</summary>
    [TestMethod]
    public void ParallelMoveCycleOnBackEdge()
    {
        var f = TestIr.Func([IrType.I64, IrType.I64, IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var dfg = f.Dfg;
        var loop = dfg.MakeBlock();
        var x = dfg.AppendBlockParam(loop, IrType.I64);
        var y = dfg.AppendBlockParam(loop, IrType.I64);
        var z = dfg.AppendBlockParam(loop, IrType.I64);
        var n = dfg.AppendBlockParam(loop, IrType.I64);
        var exit = dfg.MakeBlock();
        c.Ins().Jump(loop, a[0], a[1], a[2], a[3]);
        c.AtBottom(loop);
        var nz = c.Ins().IcmpImm(IntCC.NotEqual, n, 0);
        var n1 = c.Ins().IaddImm(n, -1);
        // (x, y, z) <- (y, z, x): a three-way rotation, plus a swap-free counter.
        c.Ins().Brif(nz, loop, [y, z, x, n1], exit, []);
        c.AtBottom(exit);
        var r = c.Ins().Iadd(c.Ins().BinaryImm(Opcode.ImulImm, x, 100), c.Ins().Iadd(c.Ins().BinaryImm(Opcode.ImulImm, y, 10), z));
        c.Ins().Return(r);
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<long, long, long, long, long>)img[0];
        Assert.AreEqual(123L, fn(1, 2, 3, 0));
        Assert.AreEqual(231L, fn(1, 2, 3, 1));
        Assert.AreEqual(312L, fn(1, 2, 3, 2));
        Assert.AreEqual(123L, fn(1, 2, 3, 3));
        Assert.AreEqual(231L, fn(1, 2, 3, 301));
    }

    [TestMethod]
    public void SwapOnJump()
    {
        // Fibonacci by (a, b) <- (b, a + b) through a plain jump with arguments.
        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var p);
        var dfg = f.Dfg;
        var head = dfg.MakeBlock();
        var a = dfg.AppendBlockParam(head, IrType.I64);
        var b = dfg.AppendBlockParam(head, IrType.I64);
        var n = dfg.AppendBlockParam(head, IrType.I64);
        var body = dfg.MakeBlock();
        var exit = dfg.MakeBlock();
        c.Ins().Jump(head, c.Ins().Iconst(IrType.I64, 0), c.Ins().Iconst(IrType.I64, 1), p[0]);
        c.AtBottom(head);
        c.Ins().Brif(n, body, [], exit, []);
        c.AtBottom(body);
        c.Ins().Jump(head, b, c.Ins().Iadd(a, b), c.Ins().IaddImm(n, -1));
        c.AtBottom(exit);
        c.Ins().Return(a);
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<long, long>)img[0];
        Assert.AreEqual(0L, fn(0));
        Assert.AreEqual(55L, fn(10));
        Assert.AreEqual(12586269025L, fn(50));
    }

    [TestMethod]
    public void BrTableDispatchesByIndex()
    {
        var f = TestIr.Func([IrType.I32], [IrType.I64], out var c, out var a);
        var dfg = f.Dfg;
        var target = dfg.MakeBlock();
        var val = dfg.AppendBlockParam(target, IrType.I64);
        var other = dfg.MakeBlock();
        var k10 = c.Ins().Iconst(IrType.I64, 10);
        var k20 = c.Ins().Iconst(IrType.I64, 20);
        var k30 = c.Ins().Iconst(IrType.I64, 30);
        var jt = f.CreateJumpTable(new JumpTableData(BlockCall.To(other), [BlockCall.To(target, k10), BlockCall.To(target, k20), BlockCall.To(target, k30)]));
        c.Ins().BrTable(a[0], jt);
        c.AtBottom(target);
        c.Ins().Return(val);
        c.AtBottom(other);
        c.Ins().Return(c.Ins().Iconst(IrType.I64, -1));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<int, long>)img[0];
        Assert.AreEqual(10L, fn(0));
        Assert.AreEqual(20L, fn(1));
        Assert.AreEqual(30L, fn(2));
        Assert.AreEqual(-1L, fn(3));
        Assert.AreEqual(-1L, fn(-1));
    }

    [TestMethod]
    public void UnreachedTrapIsJumpedOver()
    {
        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var ok = c.Ins().IcmpImm(IntCC.SignedGreaterThanOrEqual, a[0], 0);
        c.Ins().Trapz(ok, TrapCode.User(7));
        c.Ins().Trapnz(c.Ins().IcmpImm(IntCC.Equal, a[0], 1000), TrapCode.Unreachable);
        c.Ins().Return(c.Ins().IaddImm(a[0], 1));
        var compiled = TestIr.Compile(f);
        CollectionAssert.AreEquivalent(new[] { TrapCode.User(7), TrapCode.Unreachable }, compiled.Traps.Select(t => t.Code).ToArray());
        foreach (var t in compiled.Traps) Assert.AreEqual(0x0F0B, compiled.Code[t.Offset] << 8 | compiled.Code[t.Offset + 1], "trap sites point at ud2");
        using var img = new JitImage(compiled);
        var fn = (delegate* unmanaged<long, long>)img[0];
        Assert.AreEqual(6L, fn(5));
        Assert.AreEqual(1L, fn(0));
    }
}
