using Stencil.Ir;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class FloatExecutionTests
{
    private static readonly double[] Samples = [0.0, -0.0, 1.5, -2.25, 1e300, -1e-300, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 3.0];

    [TestMethod]
    public void F64Arithmetic()
    {
        foreach (var (op, reference) in new (Opcode, Func<double, double, double>)[]
                 { (Opcode.Fadd, (a, b) => a + b), (Opcode.Fsub, (a, b) => a - b), (Opcode.Fmul, (a, b) => a * b), (Opcode.Fdiv, (a, b) => a / b) })
        {
            var f = TestIr.Func([IrType.F64, IrType.F64], [IrType.F64], out var c, out var a);
            c.Ins().Return(c.Ins().Binary(op, a[0], a[1]));
            using var img = new JitImage(TestIr.Compile(f));
            var fn = (delegate* unmanaged<double, double, double>)img[0];
            foreach (var x in Samples)
                foreach (var y in Samples)
                    Assert.AreEqual(reference(x, y), fn(x, y), $"{op} {x} {y}");
        }
    }

    [TestMethod]
    public void F32ArithmeticConstantsNegAbs()
    {
        var f = TestIr.Func([IrType.F32], [IrType.F32], out var c, out var a);
        var k = c.Ins().F32const(2.5f);
        var m = c.Ins().Binary(Opcode.Fmul, a[0], k);
        var n = c.Ins().Unary(Opcode.Fneg, m);
        c.Ins().Return(c.Ins().Binary(Opcode.Fadd, n, c.Ins().Unary(Opcode.Fabs, a[0])));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<float, float>)img[0];
        foreach (var x in new[] { 0f, 1f, -4f, 3.75f })
            Assert.AreEqual(-(x * 2.5f) + MathF.Abs(x), fn(x));
    }

    private static bool Reference(FloatCC cc, double a, double b) => cc.Evaluate(a, b);

    [TestMethod]
    public void FcmpEveryConditionIncludingNaN()
    {
        foreach (var cc in Enum.GetValues<FloatCC>())
        {
            var f = TestIr.Func([IrType.F64, IrType.F64], [IrType.I64], out var c, out var a);
            c.Ins().Return(c.Ins().Convert(Opcode.Uextend, IrType.I64, c.Ins().Fcmp(cc, a[0], a[1])));
            using var img = new JitImage(TestIr.Compile(f));
            var fn = (delegate* unmanaged<double, double, long>)img[0];
            foreach (var x in Samples)
                foreach (var y in Samples)
                    Assert.AreEqual(Reference(cc, x, y) ? 1L : 0L, fn(x, y), $"fcmp {cc.ToText()} {x} {y}");
        }
    }

    [TestMethod]
    public void ConversionsBetweenIntAndFloat()
    {
        var f = TestIr.Func([IrType.I64], [IrType.F64], out var c, out var a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtFromSint, IrType.F64, a[0]));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<long, double>)img[0];
        Assert.AreEqual(-5.0, fn(-5));
        Assert.AreEqual(9.2233720368547758e18, fn(long.MaxValue));

        var g = TestIr.Func([IrType.F64], [IrType.I64], out c, out a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtToSint, IrType.I64, a[0]));
        var gc = TestIr.Compile(g);
        CollectionAssert.AreEquivalent(new[] { TrapCode.BadConversionToInteger, TrapCode.IntegerOverflow, TrapCode.IntegerOverflow }, gc.Traps.Select(t => t.Code).ToArray());
        using var gi = new JitImage(gc);
        var gn = (delegate* unmanaged<double, long>)gi[0];
        Assert.AreEqual(-3L, gn(-3.99));
        Assert.AreEqual(123456789012L, gn(123456789012.7));
        Assert.AreEqual(long.MinValue, gn(-9223372036854775808.0), "exactly MIN converts without trapping");

        var h = TestIr.Func([IrType.F32], [IrType.I32], out c, out a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtToSint, IrType.I32, a[0]));
        using var hi = new JitImage(TestIr.Compile(h));
        var hn = (delegate* unmanaged<float, int>)hi[0];
        Assert.AreEqual(-7, hn(-7.5f));
        Assert.AreEqual(int.MinValue, hn(-2147483648f));

        var k = TestIr.Func([IrType.I8], [IrType.F32], out c, out a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtFromSint, IrType.F32, a[0]));
        using var ki = new JitImage(TestIr.Compile(k));
        Assert.AreEqual(-1f, ((delegate* unmanaged<sbyte, float>)ki[0])(-1));

        var u = TestIr.Func([IrType.I32], [IrType.F64], out c, out a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtFromUint, IrType.F64, a[0]));
        using var ui = new JitImage(TestIr.Compile(u));
        Assert.AreEqual(4294967295.0, ((delegate* unmanaged<uint, double>)ui[0])(uint.MaxValue));
    }

    [TestMethod]
    public void PromoteDemoteBitcastAndSelect()
    {
        var f = TestIr.Func([IrType.F32, IrType.F64, IrType.I64], [IrType.F64], out var c, out var a);
        var p = c.Ins().Convert(Opcode.Fpromote, IrType.F64, a[0]);
        var d = c.Ins().Convert(Opcode.Fpromote, IrType.F64, c.Ins().Convert(Opcode.Fdemote, IrType.F32, a[1]));
        var bits = c.Ins().Convert(Opcode.Bitcast, IrType.F64, c.Ins().Convert(Opcode.Bitcast, IrType.I64, p));
        c.Ins().Return(c.Ins().Select(a[2], bits, d));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<float, double, long, double>)img[0];
        Assert.AreEqual(1.5, fn(1.5f, 2.1, 1));
        Assert.AreEqual((double)(float)2.1, fn(1.5f, 2.1, 0));
    }
}
