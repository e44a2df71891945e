using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Names;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class RegisterPressureTests
{
    /// <summary>Forty values all live at once (each used only after all are made) force spills.</summary>
    [TestMethod]
    [DataRow(40)]
    [DataRow(200)]
    public void ManySimultaneouslyLiveValuesCompileAndRun(int count)
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var vs = new Value[count];
        for (int i = 0; i < count; i++) vs[i] = c.Ins().Iadd(c.Ins().BinaryImm(Opcode.ImulImm, a[0], i + 1), a[1]);
        // Combine in reverse so the first values stay live the longest.
        var acc = c.Ins().Iconst(IrType.I64, 0);
        for (int i = count - 1; i >= 0; i--) acc = c.Ins().Bxor(c.Ins().IaddImm(acc, i), c.Ins().Imul(vs[i], vs[count - 1 - i]));
        c.Ins().Return(acc);
        var compiled = TestIr.Compile(f);
        Assert.IsTrue(compiled.FrameSize >= 8 * (count - 14), $"expected spill slots in a frame of {compiled.FrameSize} bytes");

        using var img = new JitImage(compiled);
        var fn = (delegate* unmanaged<long, long, long>)img[0];
        foreach (var (x, y) in new[] { (3L, 5L), (-7L, 123456789L), (long.MaxValue, 1L) })
        {
            var v = new long[count];
            for (int i = 0; i < count; i++) v[i] = unchecked(x * (i + 1) + y);
            long expected = 0;
            for (int i = count - 1; i >= 0; i--) expected = unchecked((expected + i) ^ (v[i] * v[count - 1 - i]));
            Assert.AreEqual(expected, fn(x, y));
        }
    }

    [TestMethod]
    public void ManyFloatValuesLive()
    {
        const int count = 40;
        var f = TestIr.Func([IrType.F64], [IrType.F64], out var c, out var a);
        var vs = new Value[count];
        for (int i = 0; i < count; i++) vs[i] = c.Ins().Binary(Opcode.Fmul, a[0], c.Ins().F64const(i + 0.5));
        var acc = c.Ins().F64const(0);
        for (int i = count - 1; i >= 0; i--) acc = c.Ins().Binary(Opcode.Fadd, acc, c.Ins().Binary(Opcode.Fsub, vs[i], vs[count - 1 - i]));
        c.Ins().Return(c.Ins().Binary(Opcode.Fadd, acc, vs[0]));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<double, double>)img[0];
        double x = 1.25, expected = 0;
        for (int i = count - 1; i >= 0; i--) expected += x * (i + 0.5) - x * (count - 1 - i + 0.5);
        Assert.AreEqual(expected + x * 0.5, fn(x));
    }

    /// <summary>Values live across several calls need callee-saved registers or spill slots.</summary>
    [TestMethod]
    public void ManyValuesLiveAcrossCalls()
    {
        var g = TestIr.Func([IrType.I64], [IrType.I64], out var gc, out var ga);
        gc.Ins().Return(gc.Ins().BinaryImm(Opcode.BxorImm, ga[0], 0x5555));

        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var callee = f.ImportUserFunction(UserExternalName.FromIndex(0, 0), TestIr.Sig([IrType.I64], [IrType.I64]));
        var vs = Enumerable.Range(0, 20).Select(i => c.Ins().IaddImm(a[0], i * 7)).ToArray();
        var r1 = f.Dfg.FirstResult(c.Ins().Call(callee, vs[3]));
        var r2 = f.Dfg.FirstResult(c.Ins().Call(callee, r1));
        var acc = c.Ins().Iadd(r1, r2);
        foreach (var v in vs) acc = c.Ins().Iadd(c.Ins().BinaryImm(Opcode.ImulImm, acc, 3), v);
        c.Ins().Return(acc);
        using var img = new JitImage(TestIr.Compile(g), TestIr.Compile(f));
        var fn = (delegate* unmanaged<long, long>)img[1];
        long x = 11, e1 = (x + 21) ^ 0x5555, e2 = e1 ^ 0x5555, expected = e1 + e2;
        for (int i = 0; i < 20; i++) expected = expected * 3 + x + i * 7;
        Assert.AreEqual(expected, fn(x));
    }
}
