using Stencil.Ir;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class FloatOpsExecutionTests
{
    private static readonly double[] Samples = [0.0, -0.0, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, 1e300, -7.25, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    private static delegate* unmanaged<double, double, double> Binary(Opcode op, out JitImage img)
    {
        var f = TestIr.Func([IrType.F64, IrType.F64], [IrType.F64], out var c, out var a);
        c.Ins().Return(c.Ins().Binary(op, a[0], a[1]));
        img = new JitImage(TestIr.Compile(f));
        return (delegate* unmanaged<double, double, double>)img[0];
    }

    private static void AssertSame(double expected, double actual, string what)
    {
        if (double.IsNaN(expected)) Assert.IsTrue(double.IsNaN(actual), what);
        else Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual), $"{what}: {expected} vs {actual}");
    }

    [TestMethod]
    public void MinMaxFollowIrSemantics()
    {
        var min = Binary(Opcode.Fmin, out var i1);
        var max = Binary(Opcode.Fmax, out var i2);
        using (i1) using (i2)
            foreach (var a in Samples)
                foreach (var b in Samples)
                {
                    AssertSame(double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Min(a, b), min(a, b), $"fmin {a} {b}");
                    AssertSame(double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b), max(a, b), $"fmax {a} {b}");
                }
    }

    [TestMethod]
    public void CopysignAndSqrt()
    {
        var cs = Binary(Opcode.Fcopysign, out var img);
        using (img)
            foreach (var a in Samples)
                foreach (var b in Samples)
                    if (!double.IsNaN(a)) AssertSame(Math.CopySign(a, b), cs(a, b), $"fcopysign {a} {b}");
        var f = TestIr.Func([IrType.F32], [IrType.F32], out var c, out var p);
        c.Ins().Return(c.Ins().Unary(Opcode.Sqrt, p[0]));
        using var si = new JitImage(TestIr.Compile(f));
        Assert.AreEqual(3f, ((delegate* unmanaged<float, float>)si[0])(9f));
    }

    [TestMethod]
    public void RoundingGoesThroughLibcalls()
    {
        foreach (var (op, reference) in new (Opcode, Func<double, double>)[]
                 { (Opcode.Ceil, Math.Ceiling), (Opcode.Floor, Math.Floor), (Opcode.Trunc, Math.Truncate), (Opcode.Nearest, x => Math.Round(x, MidpointRounding.ToEven)) })
        {
            var f = TestIr.Func([IrType.F64, IrType.I64], [IrType.F64], out var c, out var a);
            // A value live across the call checks that the call's clobbers are respected.
            var keep = c.Ins().Binary(Opcode.Fadd, a[0], a[0]);
            var r = c.Ins().Unary(op, a[0]);
            c.Ins().Store(MemFlags.Trusted, keep, a[1], 0);
            c.Ins().Return(r);
            var compiled = TestIr.Compile(f);
            Assert.AreEqual(Stencil.Ir.Names.ExternalNameKind.LibCall, ExternalNameKindOf(compiled));
            using var img = new JitImage(compiled);
            var fn = (delegate* unmanaged<double, double*, double>)img[0];
            foreach (var x in Samples)
                if (double.IsFinite(x))
                {
                    double kept = 0;
                    AssertSame(reference(x), fn(x, &kept), $"{op} {x}");
                    AssertSame(x + x, kept, $"{op} {x} kept");
                }
        }
        var g = TestIr.Func([IrType.F32, IrType.F32, IrType.F32], [IrType.F32], out var gc, out var ga);
        gc.Ins().Return(g.Dfg.FirstResult(gc.Insert(new InstructionData(Opcode.Fma, ga[0], ga[1], ga[2]))));
        using var gi = new JitImage(TestIr.Compile(g));
        Assert.AreEqual(MathF.FusedMultiplyAdd(1.1f, 2.2f, 3.3f), ((delegate* unmanaged<float, float, float, float>)gi[0])(1.1f, 2.2f, 3.3f));
    }

    private static Stencil.Ir.Names.ExternalNameKind ExternalNameKindOf(CompiledFunction f) => f.Relocs.Single().Target.Kind;

    [TestMethod]
    public void UnsignedConversions()
    {
        var f = TestIr.Func([IrType.I64], [IrType.F64], out var c, out var a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtFromUint, IrType.F64, a[0]));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<ulong, double>)img[0];
        foreach (var x in new ulong[] { 0, 1, 12345, long.MaxValue, 1UL << 63, ulong.MaxValue, 0x8000_0000_0000_0401, 0xFFFF_FFFF_FFFF_F7FF })
            Assert.AreEqual((double)x, fn(x), $"{x}");

        var g = TestIr.Func([IrType.I64], [IrType.F32], out c, out a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtFromUint, IrType.F32, a[0]));
        using var gi = new JitImage(TestIr.Compile(g));
        var gn = (delegate* unmanaged<ulong, float>)gi[0];
        foreach (var x in new ulong[] { 3, ulong.MaxValue, (1UL << 63) + (1UL << 39) + 1 })
            Assert.AreEqual((float)x, gn(x), $"{x}");

        var h = TestIr.Func([IrType.F64], [IrType.I64], out c, out a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtToUint, IrType.I64, a[0]));
        using var hi = new JitImage(TestIr.Compile(h));
        var hn = (delegate* unmanaged<double, ulong>)hi[0];
        foreach (var x in new[] { 0.0, 0.9, -0.9, 12345.6, 9223372036854775808.0, 18446744073709549568.0 })
            Assert.AreEqual((ulong)x, hn(x), $"{x}");

        var k = TestIr.Func([IrType.F32], [IrType.I32], out c, out a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtToUint, IrType.I32, a[0]));
        using var ki = new JitImage(TestIr.Compile(k));
        Assert.AreEqual(4294967040u, ((delegate* unmanaged<float, uint>)ki[0])(4294967040f));
    }

    [TestMethod]
    public void SaturatingConversions()
    {
        var s = TestIr.Func([IrType.F64], [IrType.I32], out var c, out var a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtToSintSat, IrType.I32, a[0]));
        using var si = new JitImage(TestIr.Compile(s));
        var sn = (delegate* unmanaged<double, int>)si[0];
        Assert.AreEqual(0, sn(double.NaN));
        Assert.AreEqual(int.MaxValue, sn(1e20));
        Assert.AreEqual(int.MinValue, sn(-1e20));
        Assert.AreEqual(int.MinValue, sn(-2147483648.9));
        Assert.AreEqual(-5, sn(-5.5));
        Assert.AreEqual(0, TestIr.Compile(s).Traps.Count, "saturating conversions never trap");

        var u = TestIr.Func([IrType.F32], [IrType.I64], out c, out a);
        c.Ins().Return(c.Ins().Convert(Opcode.FcvtToUintSat, IrType.I64, a[0]));
        using var ui = new JitImage(TestIr.Compile(u));
        var un = (delegate* unmanaged<float, ulong>)ui[0];
        Assert.AreEqual(0UL, un(float.NaN));
        Assert.AreEqual(0UL, un(-3f));
        Assert.AreEqual(ulong.MaxValue, un(1e30f));
        Assert.AreEqual(1UL << 63, un(9223372036854775808f));
        Assert.AreEqual(42UL, un(42.9f));
    }
}
