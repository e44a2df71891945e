using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Binary;
using Stencil.Wasm.Diagnostics;

namespace Stencil.Wasm.Tests.Binary;

[TestClass]
public sealed class WasmReaderTests
{
    private static WasmReader Over(params byte[] bytes) => new(bytes, "t.wasm");

    private static string MalformedText(Action read)
    {
        var e = Assert.ThrowsExactly<DiagnosticException>(read);
        Assert.AreEqual(WasmDiagnosticCodes.Malformed, e.Diagnostic.Code);
        return e.Diagnostic.Message;
    }

    [TestMethod]
    public void U32ReadsOneToFiveBytes()
    {
        Assert.AreEqual(0u, Over(0x00).ReadU32());
        Assert.AreEqual(624485u, Over(0xE5, 0x8E, 0x26).ReadU32());
        Assert.AreEqual(uint.MaxValue, Over(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).ReadU32());
        Assert.AreEqual(3u, Over(0x83, 0x80, 0x80, 0x80, 0x00).ReadU32(), "over-long but within five bytes is allowed");
    }

    [TestMethod]
    public void U32RejectsSixBytesAndUnusedHighBits()
    {
        StringAssert.StartsWith(MalformedText(() => Over(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).ReadU32()), "integer representation too long");
        StringAssert.StartsWith(MalformedText(() => Over(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).ReadU32()), "integer too large");
        StringAssert.StartsWith(MalformedText(() => Over(0x80).ReadU32()), "unexpected end");
    }

    [TestMethod]
    public void SignedLebsExtendTheSignAndCheckTheLastByte()
    {
        Assert.AreEqual(-1, Over(0x7F).ReadS32());
        Assert.AreEqual(-123456, Over(0xC0, 0xBB, 0x78).ReadS32());
        Assert.AreEqual(int.MinValue, Over(0x80, 0x80, 0x80, 0x80, 0x78).ReadS32());
        Assert.AreEqual(long.MinValue, Over(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).ReadS64());
        StringAssert.StartsWith(MalformedText(() => Over(0x80, 0x80, 0x80, 0x80, 0x70).ReadS32()), "integer too large");
        StringAssert.StartsWith(MalformedText(() => Over(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x41).ReadS64()), "integer too large");
        Assert.AreEqual(0xFFFFFFFFL, Over(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).ReadS33());
    }

    [TestMethod]
    public void NamesMustBeUtf8AndFitTheBytes()
    {
        Assert.AreEqual("hé", Over(0x03, 0x68, 0xC3, 0xA9).ReadName());
        StringAssert.StartsWith(MalformedText(() => Over(0x02, 0xC3, 0x28).ReadName()), "malformed UTF-8 encoding");
        StringAssert.StartsWith(MalformedText(() => Over(0x05, 0x61).ReadName()), "unexpected end");
    }

    [TestMethod]
    public void CountsLargerThanTheBytesLeftFailBeforeAnyAllocation()
    {
        var reader = Over(0xFF, 0xFF, 0x03, 0x00);
        StringAssert.StartsWith(MalformedText(() => reader.ReadCount(int.MaxValue, "items")), "unexpected end");
        var limit = Assert.ThrowsExactly<DiagnosticException>(() => Over(0xFF, 0xFF, 0x03).ReadCount(1000, "items"));
        Assert.AreEqual(WasmDiagnosticCodes.LimitExceeded, limit.Diagnostic.Code);
    }
}
