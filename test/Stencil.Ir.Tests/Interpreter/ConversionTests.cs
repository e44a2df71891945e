using Stencil.Ir.Interpretation;
using static Stencil.Ir.Tests.Interpreter.Clif;

namespace Stencil.Ir.Tests.Interpreter;

[TestClass]
public sealed class ConversionTests
{
    private static string Convert(string op, string from, string to) => $$"""
        function %f({{from}}) -> {{to}} {
        block0(v0: {{from}}):
            v1 = {{op}}.{{to}} v0
            return v1
        }
        """;

    [TestMethod]
    public void FloatToIntTrapsOnNaNAndOverflow()
    {
        Assert.AreEqual(TrapCode.BadConversionToInteger, Trap(Convert("fcvt_to_sint", "f64", "i32"), "f", DataValue.F64(double.NaN)));
        Assert.AreEqual(TrapCode.IntegerOverflow, Trap(Convert("fcvt_to_sint", "f64", "i32"), "f", DataValue.F64(2147483648.0)));
        Assert.AreEqual(TrapCode.IntegerOverflow, Trap(Convert("fcvt_to_uint", "f32", "i64"), "f", DataValue.F32(-1f)));
        Assert.AreEqual(int.MinValue, Single(Convert("fcvt_to_sint", "f64", "i32"), "f", DataValue.F64(-2147483648.9)).AsInt64());
        Assert.AreEqual(0L, Single(Convert("fcvt_to_uint", "f64", "i8"), "f", DataValue.F64(-0.99)).AsInt64());
    }

    [TestMethod]
    public void SaturatingConversionsClamp()
    {
        Assert.AreEqual(0L, Single(Convert("fcvt_to_sint_sat", "f64", "i32"), "f", DataValue.F64(double.NaN)).AsInt64());
        Assert.AreEqual(int.MaxValue, Single(Convert("fcvt_to_sint_sat", "f64", "i32"), "f", DataValue.F64(1e10)).AsInt64());
        Assert.AreEqual(ulong.MaxValue, Single(Convert("fcvt_to_uint_sat", "f32", "i64"), "f", DataValue.F32(float.PositiveInfinity)).AsUInt64());
        Assert.AreEqual(0UL, Single(Convert("fcvt_to_uint_sat", "f32", "i64"), "f", DataValue.F32(-5f)).AsUInt64());
    }

    [TestMethod]
    public void IntToFloatUsesSignedness()
    {
        Assert.AreEqual(18446744073709551615.0, Single(Convert("fcvt_from_uint", "i64", "f64"), "f", I64(-1)).AsF64());
        Assert.AreEqual(-1.0f, Single(Convert("fcvt_from_sint", "i8", "f32"), "f", I8(-1)).AsF32());
        Assert.AreEqual(Math.Pow(2, 127), Single(Convert("fcvt_from_uint", "i128", "f64"), "f", I128(Int128.MinValue)).AsF64());
    }

    [TestMethod]
    public void ExtendsReducesAndBitcasts()
    {
        Assert.AreEqual(-1L, Single(Convert("sextend", "i8", "i64"), "f", I8(-1)).AsInt64());
        Assert.AreEqual(0xFFUL, Single(Convert("uextend", "i8", "i64"), "f", I8(-1)).AsUInt64());
        Assert.AreEqual((Int128)ulong.MaxValue, Single(Convert("uextend", "i64", "i128"), "f", I64(-1)).AsInt128());
        Assert.AreEqual(0x34L, Single(Convert("ireduce", "i32", "i8"), "f", I32(0x1234)).AsInt64());
        Assert.AreEqual(0x3F80_0000UL, Single(Convert("bitcast", "f32", "i32"), "f", DataValue.F32(1f)).AsUInt64());
        Assert.AreEqual(1.5f, Single(Convert("fdemote", "f64", "f32"), "f", DataValue.F64(1.5)).AsF32());
        Assert.AreEqual(0.1f, (float)Single(Convert("fpromote", "f32", "f64"), "f", DataValue.F32(0.1f)).AsF64());
    }

    [TestMethod]
    public void ConcatAndSplitRoundTrip()
    {
        const string clif = """
            function %f(i64, i64) -> i64, i64, i128 {
            block0(v0: i64, v1: i64):
                v2 = iconcat v0, v1
                v3, v4 = isplit v2
                return v4, v3, v2
            }
            """;
        var r = Run(clif, "f", I64(1), I64(-2));
        Assert.AreEqual(-2L, r.Returns[0].AsInt64());
        Assert.AreEqual(1L, r.Returns[1].AsInt64());
        Assert.AreEqual(((Int128)(-2) << 64) | 1, r.Returns[2].AsInt128());
    }
}
