using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

[TestClass]
public sealed class IeeeTextTests
{
    private static UInt128 Parse(string text, int bits)
    {
        Assert.IsTrue(IeeeText.TryParse(text, bits, out var v, out var error), error);
        return v;
    }

    [TestMethod]
    public void ParsesTheLiteralFormsOfTheReference()
    {
        Assert.AreEqual((UInt128)BitConverter.SingleToUInt32Bits(3.0f), Parse("0x1.8p1", 32));
        Assert.AreEqual((UInt128)BitConverter.SingleToUInt32Bits(-0.0f), Parse("-0x0.0p0", 32));
        Assert.AreEqual((UInt128)BitConverter.SingleToUInt32Bits(4.125f), Parse("0x4.2", 32));
        Assert.AreEqual((UInt128)0x7fc00000u, Parse("NaN", 32));
        Assert.AreEqual((UInt128)0x7fc00000u, Parse("+NaN", 32));
        Assert.AreEqual((UInt128)0x7f800000u, Parse("+Inf", 32));
        Assert.AreEqual((UInt128)0xff800001u, Parse("-sNaN:0x1", 32));
        Assert.AreEqual((UInt128)0x7fc00001u, Parse("NaN:0x1", 32));
        Assert.AreEqual((UInt128)1u, Parse("0x1.0p-149", 32));
        Assert.AreEqual((UInt128)BitConverter.DoubleToUInt64Bits(-0.0), Parse("-0.0", 64));
        Assert.AreEqual((UInt128)BitConverter.DoubleToUInt64Bits(0.1), Parse("0x1.999999999999ap-4", 64));
        Assert.AreEqual((UInt128)0x3c00, Parse("0x1.0p0", 16));
        Assert.AreEqual(((UInt128)0x3fff << 112) | (UInt128.One << 111), Parse("0x1.8p0", 128));
    }

    [TestMethod]
    [DataRow("0x1.0p128", 32)]
    [DataRow("0x1.000001p0", 32)]
    [DataRow("0x1.0p-150", 32)]
    [DataRow("1.5", 64)]
    [DataRow("0x", 64)]
    [DataRow("sNaN:0x0", 32)]
    [DataRow("NaN:0x400000", 32)]
    [DataRow("0x1.0p", 64)]
    [DataRow("0x1.0p99999999999", 64)]
    public void RejectsWhatTheFormatCannotHoldExactly(string text, int bits) =>
        Assert.IsFalse(IeeeText.TryParse(text, bits, out _, out _));

    [TestMethod]
    public void FormatsLikeCranelift()
    {
        Assert.AreEqual("0x1.000000p0", IeeeText.Format(BitConverter.SingleToUInt32Bits(1.0f), 32));
        Assert.AreEqual("-0x1.8000000000000p1", IeeeText.Format(BitConverter.DoubleToUInt64Bits(-3.0), 64));
        Assert.AreEqual("0.0", IeeeText.Format(0, 64));
        Assert.AreEqual("-0.0", IeeeText.Format(0x8000_0000u, 32));
        Assert.AreEqual("+Inf", IeeeText.Format(0x7f800000u, 32));
        Assert.AreEqual("-NaN", IeeeText.Format(0xffc00000u, 32));
        Assert.AreEqual("+sNaN:0x1", IeeeText.Format(0x7f800001u, 32));
        Assert.AreEqual("0x0.000002p-126", IeeeText.Format(1u, 32));
    }

    [TestMethod]
    public void EveryBitPatternRoundTrips()
    {
        var rng = new Random(20261125);
        foreach (int bits in new[] { 16, 32, 64, 128 })
        {
            for (int i = 0; i < 4000; i++)
            {
                var lo = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
                var hi = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
                UInt128 v = new UInt128(hi, lo);
                if (bits < 128) v &= (UInt128.One << bits) - 1;
                // Bias toward special exponents and zeros so NaNs, infinities and subnormals are covered.
                if (i % 4 == 1) v |= ((UInt128.One << (bits - 1)) - 1) ^ ((UInt128.One << (bits == 16 ? 10 : bits == 32 ? 23 : bits == 64 ? 52 : 112)) - 1);
                if (i % 4 == 2) v &= ~(((UInt128.One << (bits - 1)) - 1) ^ ((UInt128.One << (bits == 16 ? 10 : bits == 32 ? 23 : bits == 64 ? 52 : 112)) - 1));
                var text = IeeeText.Format(v, bits);
                Assert.AreEqual(v, Parse(text, bits), $"f{bits} {text}");
            }
        }
    }
}
