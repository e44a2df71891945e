using Stencil.Ir.Interpretation;

namespace Stencil.Ir.Tests.Interpreter;

[TestClass]
public sealed class DataValueTests
{
    [TestMethod]
    public void IntegersKeepOnlyTheirWidthAndSignExtendOnRead()
    {
        var v = DataValue.Int(IrType.I8, -1);
        Assert.AreEqual((UInt128)0xFF, v.Bits);
        Assert.AreEqual(-1L, v.AsInt64());
        Assert.AreEqual(0xFFFF_FFFF_FFFF_FFFFUL, v.AsUInt64() | ~0xFFUL);
        Assert.AreEqual(Int128.MinValue, DataValue.Int128(IrType.I128, Int128.MinValue).AsInt128());
    }

    [TestMethod]
    public void ToStringIsDecimalForIntegersAndRoundTripsFloats()
    {
        Assert.AreEqual("-1", DataValue.Int(IrType.I32, -1).ToString());
        Assert.AreEqual("-170141183460469231731687303715884105728", DataValue.Int128(IrType.I128, Int128.MinValue).ToString());
        var third = DataValue.F64(1.0 / 3);
        Assert.AreEqual(1.0 / 3, double.Parse(third.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual("-0", DataValue.F32(-0.0f).ToString());
        Assert.IsTrue(DataValue.F32(float.NaN).IsNaN);
        Assert.IsFalse(DataValue.Int(IrType.I32, 0x7FC00000).IsNaN);
    }
}
