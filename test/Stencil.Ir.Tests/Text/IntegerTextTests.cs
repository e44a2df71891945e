using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

[TestClass]
public sealed class IntegerTextTests
{
    [TestMethod]
    [DataRow("42", "42")]
    [DataRow("-7", "-7")]
    [DataRow("+8", "8")]
    [DataRow("0xffff_0000", "4294901760")]
    [DataRow("-0x10", "-16")]
    public void TryParseReadsTheMathematicalValue(string text, string expected)
    {
        Assert.IsTrue(IntegerText.TryParse(text, out var value));
        Assert.AreEqual(Int128.Parse(expected), value);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("-")]
    [DataRow("0x")]
    [DataRow("12a")]
    [DataRow("0x1_0000_0000_0000_0000_0000_0000_0000_0000")]
    [DataRow("0xffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff")]
    public void TryParseRejectsMalformedTextAndMagnitudesBeyondInt128(string text) =>
        Assert.IsFalse(IntegerText.TryParse(text, out _));

    [TestMethod]
    public void TryParseBitsWrapsToTwosComplementOf128Bits()
    {
        Assert.IsTrue(IntegerText.TryParseBits("0xffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff", out var all));
        Assert.AreEqual(UInt128.MaxValue, all);
        Assert.IsTrue(IntegerText.TryParseBits("-1", out var minusOne));
        Assert.AreEqual(UInt128.MaxValue, minusOne);
        Assert.IsTrue(IntegerText.TryParseBits("-0x8000_0000_0000_0000_0000_0000_0000_0000", out var min));
        Assert.AreEqual(UInt128.One << 127, min);
        Assert.IsTrue(IntegerText.TryParseBits("1_000", out var thousand));
        Assert.AreEqual((UInt128)1000, thousand);
        Assert.IsFalse(IntegerText.TryParseBits("0x1_0000_0000_0000_0000_0000_0000_0000_0000", out _));
        Assert.IsFalse(IntegerText.TryParseBits("true", out _));
    }
}
