using Stencil.Ir.Interpretation;
using static Stencil.Ir.Tests.Interpreter.Clif;

namespace Stencil.Ir.Tests.Interpreter;

[TestClass]
public sealed class FloatOpsTests
{
    private static string Binary(string op, string ty) => $$"""
        function %f({{ty}}, {{ty}}) -> {{ty}} {
        block0(v0: {{ty}}, v1: {{ty}}):
            v2 = {{op}} v0, v1
            return v2
        }
        """;

    private static string Unary(string op, string ty) => $$"""
        function %f({{ty}}) -> {{ty}} {
        block0(v0: {{ty}}):
            v1 = {{op}} v0
            return v1
        }
        """;

    [TestMethod]
    public void MinAndMaxOrderSignedZerosAndPropagateNaN()
    {
        var min = Single(Binary("fmin", "f64"), "f", DataValue.F64(0.0), DataValue.F64(-0.0));
        Assert.AreEqual(BitConverter.DoubleToUInt64Bits(-0.0), min.AsUInt64());
        var max = Single(Binary("fmax", "f32"), "f", DataValue.F32(-0.0f), DataValue.F32(0.0f));
        Assert.AreEqual(0UL, max.AsUInt64());
        Assert.IsTrue(Single(Binary("fmax", "f32"), "f", DataValue.F32(1f), DataValue.F32(float.NaN)).IsNaN);
        Assert.IsTrue(Single(Binary("fmin", "f64"), "f", DataValue.F64(double.NaN), DataValue.F64(1)).IsNaN);
    }

    [TestMethod]
    public void NearestRoundsHalfToEven()
    {
        Assert.AreEqual(2.0, Single(Unary("nearest", "f64"), "f", DataValue.F64(2.5)).AsF64());
        Assert.AreEqual(4.0f, Single(Unary("nearest", "f32"), "f", DataValue.F32(3.5f)).AsF32());
        Assert.AreEqual(-3.0, Single(Unary("floor", "f64"), "f", DataValue.F64(-2.5)).AsF64());
        Assert.AreEqual(-2.0, Single(Unary("ceil", "f64"), "f", DataValue.F64(-2.5)).AsF64());
        Assert.AreEqual(BitConverter.DoubleToUInt64Bits(-0.0), Single(Unary("trunc", "f64"), "f", DataValue.F64(-0.5)).AsUInt64());
        Assert.AreEqual(3.0f, Single(Unary("sqrt", "f32"), "f", DataValue.F32(9f)).AsF32());
    }

    [TestMethod]
    public void SignOperationsKeepNaNPayloads()
    {
        var nan = new DataValue(IrType.F32, 0x7FC0_0123);
        Assert.AreEqual(0xFFC0_0123UL, Single(Unary("fneg", "f32"), "f", nan).AsUInt64());
        Assert.AreEqual(0x7FC0_0123UL, Single(Unary("fabs", "f32"), "f", new DataValue(IrType.F32, 0xFFC0_0123)).AsUInt64());
        Assert.AreEqual(-2.0, Single(Binary("fcopysign", "f64"), "f", DataValue.F64(2), DataValue.F64(-0.0)).AsF64());
    }

    [TestMethod]
    public void ArithmeticNaNIsDeterministic()
    {
        // 0 * inf has no NaN operand: the canonical positive quiet NaN, whatever the host FPU does.
        Assert.AreEqual(0x7FC0_0000UL, Single(Binary("fmul", "f32"), "f", DataValue.F32(0), DataValue.F32(float.PositiveInfinity)).AsUInt64());
        // A signalling NaN operand comes back quieted with its payload.
        Assert.AreEqual(0x7FF8_0000_0000_0005UL, Single(Binary("fadd", "f64"), "f", new DataValue(IrType.F64, 0x7FF0_0000_0000_0005), DataValue.F64(1)).AsUInt64());
    }

    [TestMethod]
    public void FmaRoundsOnce()
    {
        const string clif = """
            function %f(f64, f64, f64) -> f64 {
            block0(v0: f64, v1: f64, v2: f64):
                v3 = fma v0, v1, v2
                return v3
            }
            """;
        double x = 1.0 + Math.Pow(2, -30);
        double fused = Single(clif, "f", DataValue.F64(x), DataValue.F64(x), DataValue.F64(-1.0)).AsF64();
        Assert.AreEqual(Math.Pow(2, -29) + Math.Pow(2, -60), fused);
    }

    [TestMethod]
    public void FcmpFollowsTheUnorderedRules()
    {
        string Cmp(string cc) => $$"""
            function %f(f64, f64) -> i8 {
            block0(v0: f64, v1: f64):
                v2 = fcmp {{cc}} v0, v1
                return v2
            }
            """;
        var nan = DataValue.F64(double.NaN);
        var one = DataValue.F64(1);
        Assert.AreEqual(1L, Single(Cmp("uno"), "f", nan, one).AsInt64());
        Assert.AreEqual(0L, Single(Cmp("eq"), "f", nan, nan).AsInt64());
        Assert.AreEqual(1L, Single(Cmp("ne"), "f", nan, nan).AsInt64());
        Assert.AreEqual(0L, Single(Cmp("one"), "f", nan, one).AsInt64());
        Assert.AreEqual(1L, Single(Cmp("ult"), "f", nan, one).AsInt64());
        Assert.AreEqual(0L, Single(Cmp("lt"), "f", nan, one).AsInt64());
        Assert.AreEqual(1L, Single(Cmp("eq"), "f", DataValue.F64(0.0), DataValue.F64(-0.0)).AsInt64());
    }
}
