using Stencil.Engine.FileTests;
using Stencil.Ir;

namespace Stencil.Engine.Tests.FileTests;

[TestClass]
public sealed class RunDirectiveParserTests
{
    [TestMethod]
    public void ParsesCallsComparisonsAndValueLists()
    {
        Assert.IsTrue(RunDirectiveParser.TryParse("%f(1, -2, 0x1.8p1) == [3, NaN]", out var run, out var error), error);
        Assert.AreEqual("f", run.Function);
        CollectionAssert.AreEqual(new[] { "1", "-2", "0x1.8p1" }, run.Arguments.ToArray());
        Assert.AreEqual(RunComparison.Equal, run.Comparison);
        CollectionAssert.AreEqual(new[] { "3", "NaN" }, run.Expected.ToArray());

        Assert.IsTrue(RunDirectiveParser.TryParse("%g() != 0", out run, out _));
        Assert.AreEqual(RunComparison.NotEqual, run.Comparison);
        Assert.IsTrue(RunDirectiveParser.TryParse("%h(7)", out run, out _));
        Assert.AreEqual(RunComparison.Truthy, run.Comparison);
        Assert.IsTrue(RunDirectiveParser.TryParse("", out run, out _));
        Assert.IsNull(run.Function);
        Assert.IsTrue(RunDirectiveParser.TryParse("%v([1 2], [3 4]) == [4 6]", out run, out _));
        CollectionAssert.AreEqual(new[] { "[1 2]", "[3 4]" }, run.Arguments.ToArray());
        Assert.AreEqual("[4 6]", run.ExpectedText);
        Assert.IsTrue(RunDirectiveParser.TryParse("%s([1 -1], 1) == [0 -1] ; note the shift", out run, out error), error);
        Assert.AreEqual("[0 -1]", run.ExpectedText);
    }

    [TestMethod]
    public void RejectsMalformedDirectives()
    {
        Assert.IsFalse(RunDirectiveParser.TryParse("f(1) == 2", out _, out _));
        Assert.IsFalse(RunDirectiveParser.TryParse("%f(1 == 2", out _, out _));
        Assert.IsFalse(RunDirectiveParser.TryParse("%f(1) < 2", out _, out _));
        Assert.IsFalse(RunDirectiveParser.TryParse("%f(1) ==", out _, out _));
        Assert.IsFalse(RunDirectiveParser.TryParse("%f(1) == trap no_such_code", out _, out _));
    }

    [TestMethod]
    public void TypesLiteralsByTheSignature()
    {
        Assert.IsTrue(TestValueParser.TryParse("-1", IrType.I8, out var v, out _));
        Assert.AreEqual((UInt128)0xFF, v.Bits);
        Assert.IsTrue(TestValueParser.TryParse("0xFFFFFFFF_FFFFFFFF_FFFFFFFF_FFFFFFFF", IrType.I128, out v, out _));
        Assert.AreEqual(UInt128.MaxValue, v.Bits);
        Assert.IsTrue(TestValueParser.TryParse("0x1.8p1", IrType.F64, out v, out _));
        Assert.AreEqual((UInt128)BitConverter.DoubleToUInt64Bits(3.0), v.Bits);
        Assert.IsTrue(TestValueParser.TryParse("+Inf", IrType.F32, out v, out _));
        Assert.AreEqual((UInt128)BitConverter.SingleToUInt32Bits(float.PositiveInfinity), v.Bits);
        Assert.IsTrue(TestValueParser.TryParse("-0.0", IrType.F32, out v, out _));
        Assert.AreEqual((UInt128)0x8000_0000, v.Bits);
        Assert.IsTrue(TestValueParser.TryParse("[1 -1]", IrType.Vector(IrType.I32, 2), out v, out var error), error);
        Assert.AreEqual((UInt128)0xFFFF_FFFF_0000_0001, v.Bits);
        Assert.IsTrue(TestValueParser.TryParse("0xFFFFFFFF_00000002", IrType.Vector(IrType.I32, 2), out v, out error), error);
        Assert.AreEqual((UInt128)0xFFFF_FFFF_0000_0002, v.Bits);
        Assert.IsFalse(TestValueParser.TryParse("[1 2 3]", IrType.Vector(IrType.I32, 2), out _, out _));
        Assert.IsFalse(TestValueParser.TryParse("1.5.2", IrType.F64, out _, out _));
        Assert.IsFalse(TestValueParser.TryParse("x", IrType.I32, out _, out _));
    }

    [TestMethod]
    public void NaNsMatchByClassAndZerosBySign()
    {
        Assert.IsTrue(TestValueParser.TryParse("NaN", IrType.F32, out var quiet, out _));
        Assert.IsTrue(TestValueParser.TryParse("-NaN:0x1", IrType.F32, out var otherQuiet, out _));
        Assert.IsTrue(TestValueParser.TryParse("sNaN:0x1", IrType.F32, out var signaling, out _));
        Assert.IsTrue(quiet.Matches(otherQuiet));
        Assert.IsFalse(quiet.Matches(signaling));
        Assert.IsTrue(TestValueParser.TryParse("0.0", IrType.F64, out var zero, out _));
        Assert.IsTrue(TestValueParser.TryParse("-0.0", IrType.F64, out var negativeZero, out _));
        Assert.IsFalse(zero.Matches(negativeZero));
    }
}
