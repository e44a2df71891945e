using System.Buffers.Binary;
using Stencil.Server.Protocol;

namespace Stencil.Server.Tests;

[TestClass]
public sealed class FramesTests
{
    private static byte[] Frame(byte[] payload)
    {
        using var stream = new MemoryStream();
        Frames.WriteAsync(stream, payload, CancellationToken.None).GetAwaiter().GetResult();
        return stream.ToArray();
    }

    private static byte[]? Read(byte[] bytes, int max = 1024) =>
        Frames.ReadAsync(new MemoryStream(bytes), max, CancellationToken.None).GetAwaiter().GetResult();

    [TestMethod]
    public void Frame_RoundTrips_AndEndsCleanlyAtEndOfStream()
    {
        var frame = Frame([1, 2, 3]);
        CollectionAssert.AreEqual(new byte[] { 3, 0, 0, 0, 1, 2, 3 }, frame);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, Read(frame));
        Assert.IsNull(Read([]));
    }

    [TestMethod]
    public void OversizedLength_IsRefusedBeforeReadingThePayload()
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, 1025);
        var e = Assert.ThrowsExactly<ProtocolException>(() => Read(header));
        StringAssert.Contains(e.Message, "1025");
        BinaryPrimitives.WriteInt32LittleEndian(header, int.MaxValue);
        Assert.ThrowsExactly<ProtocolException>(() => Read(header, int.MaxValue - 1));
    }

    [TestMethod]
    public void ZeroNegativeAndTruncatedFrames_AreRefused()
    {
        Assert.ThrowsExactly<ProtocolException>(() => Read([0, 0, 0, 0]));
        Assert.ThrowsExactly<ProtocolException>(() => Read([0xff, 0xff, 0xff, 0xff]));
        Assert.ThrowsExactly<ProtocolException>(() => Read([3, 0]));
        Assert.ThrowsExactly<ProtocolException>(() => Read([3, 0, 0, 0, 1, 2]));
    }
}
