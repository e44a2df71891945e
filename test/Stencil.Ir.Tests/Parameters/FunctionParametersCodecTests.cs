using System.Buffers;
using Stencil.Ir.Keys;
using Stencil.Ir.Names;

namespace Stencil.Ir.Tests.Parameters;

[TestClass]
public sealed class FunctionParametersCodecTests
{
    [TestMethod]
    public void RoundTripsEveryKindOfName()
    {
        var p = new FunctionParameters
        {
            Name = UserFuncName.FromUser(UserExternalName.FromSymbol("kernel_ü")),
            BaseSrcLoc = new SourceLoc(0x1234),
        };
        p.EnsureUserFuncName(UserExternalName.FromSymbol("callee"));
        p.EnsureUserFuncName(UserExternalName.FromIndex(3, 17));
        p.EnsureUserFuncName(UserExternalName.FromSymbol(""));

        var back = RoundTrip(p);

        Assert.AreEqual(p.Name, back.Name);
        Assert.AreEqual(p.BaseSrcLoc, back.BaseSrcLoc);
        CollectionAssert.AreEqual(p.UserNamedFuncs.ToArray(), back.UserNamedFuncs.ToArray());
    }

    [TestMethod]
    public void RoundTripsTestcaseNamesAndUnknownLocations()
    {
        var p = new FunctionParameters { Name = UserFuncName.FromTestcase("t1") };
        var back = RoundTrip(p);
        Assert.AreEqual(p.Name, back.Name);
        Assert.IsTrue(back.BaseSrcLoc.IsDefault);
        Assert.AreEqual(0, back.UserNamedFuncs.Count);
    }

    [TestMethod]
    public void EveryTruncationAndGarbageIsRejectedWithoutThrowing()
    {
        var p = new FunctionParameters { Name = UserFuncName.FromUser(UserExternalName.FromSymbol("f")) };
        p.EnsureUserFuncName(UserExternalName.FromSymbol("g"));
        p.EnsureUserFuncName(UserExternalName.FromIndex(1, 2));
        var bytes = Encode(p);
        for (int n = 0; n < bytes.Length; n++)
        {
            var reader = new CanonicalReader(bytes.AsSpan(0, n));
            Assert.IsFalse(FunctionParametersCodec.TryDecode(ref reader, out _), $"prefix of {n} bytes");
        }
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            var junk = new byte[random.Next(1, 40)];
            random.NextBytes(junk);
            var reader = new CanonicalReader(junk);
            FunctionParametersCodec.TryDecode(ref reader, out _);
        }
    }

    [TestMethod]
    public void ARepeatedNameInTheTableIsRejected()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new CanonicalWriter(buffer);
        w.WriteByte(0);
        w.WriteString("t");
        w.WriteVarUInt(uint.MaxValue);
        w.WriteVarUInt(2);
        for (int i = 0; i < 2; i++) { w.WriteByte(0); w.WriteString("same"); }
        var reader = new CanonicalReader(buffer.WrittenSpan);
        Assert.IsFalse(FunctionParametersCodec.TryDecode(ref reader, out _));
    }

    private static byte[] Encode(FunctionParameters p)
    {
        var buffer = new ArrayBufferWriter<byte>();
        FunctionParametersCodec.Encode(p, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static FunctionParameters RoundTrip(FunctionParameters p)
    {
        var bytes = Encode(p);
        var reader = new CanonicalReader(bytes);
        Assert.IsTrue(FunctionParametersCodec.TryDecode(ref reader, out var back));
        Assert.IsTrue(reader.AtEnd);
        return back;
    }
}
