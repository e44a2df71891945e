namespace Stencil.RemoteCache.Tests;

[TestClass]
public sealed class RemoteEntryCodecTests
{
    private static readonly Stencil.Ir.Keys.CacheKey Key = TestKeys.Of("f");

    [TestMethod]
    public void RoundTripsPayloadAndTriple()
    {
        var payload = TestKeys.Payload("f");
        var value = RemoteEntryCodec.Encode(Key, payload, "x86_64-unknown-linux-gnu");
        Assert.IsTrue(RemoteEntryCodec.TryDecode(Key, value, out var decoded, out var triple, out var problem), problem);
        CollectionAssert.AreEqual(payload, decoded.ToArray());
        Assert.AreEqual("x86_64-unknown-linux-gnu", triple);
    }

    [TestMethod]
    public void EmptyPayloadRoundTrips()
    {
        var value = RemoteEntryCodec.Encode(Key, [], "t");
        Assert.IsTrue(RemoteEntryCodec.TryDecode(Key, value, out var decoded, out _, out _));
        Assert.AreEqual(0, decoded.Length);
    }

    [TestMethod]
    public void EveryFlippedByteIsRejected()
    {
        var value = RemoteEntryCodec.Encode(Key, TestKeys.Payload("f"), "t");
        for (int i = 0; i < value.Length; i++)
        {
            var damaged = (byte[])value.Clone();
            damaged[i] ^= 0x40;
            Assert.IsFalse(RemoteEntryCodec.TryDecode(Key, damaged, out _, out _, out var problem), $"byte {i} flipped was accepted");
            Assert.AreNotEqual("", problem);
        }
    }

    [TestMethod]
    public void EveryTruncationIsRejected()
    {
        var value = RemoteEntryCodec.Encode(Key, TestKeys.Payload("f"), "t");
        for (int length = 0; length < value.Length; length++)
            Assert.IsFalse(RemoteEntryCodec.TryDecode(Key, value.AsMemory(0, length), out _, out _, out _), $"{length} bytes accepted");
        Assert.IsFalse(RemoteEntryCodec.TryDecode(Key, value.Append((byte)0).ToArray(), out _, out _, out var extra), "a trailing byte was accepted");
        StringAssert.Contains(extra, "length");
    }

    [TestMethod]
    public void ValueStoredUnderAnotherKeyIsRejected()
    {
        var value = RemoteEntryCodec.Encode(TestKeys.Of("g"), TestKeys.Payload("g"), "t");
        Assert.IsFalse(RemoteEntryCodec.TryDecode(Key, value, out _, out _, out var problem));
        StringAssert.Contains(problem, "another key");
    }

    [TestMethod]
    public void ChecksumFailureIsNamed()
    {
        var value = RemoteEntryCodec.Encode(Key, TestKeys.Payload("f"), "t");
        value[^1] ^= 1;
        Assert.IsFalse(RemoteEntryCodec.TryDecode(Key, value, out _, out _, out var problem));
        StringAssert.Contains(problem, "checksum");
    }

    [TestMethod]
    public void ForeignBytesAreRejected()
    {
        Assert.IsFalse(RemoteEntryCodec.TryDecode(Key, "hello world, not a stencil value"u8.ToArray(), out _, out _, out var problem));
        StringAssert.Contains(problem, "not a Stencil cache value");
    }
}
