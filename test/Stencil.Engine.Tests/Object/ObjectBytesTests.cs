using System.Buffers;
using System.Security.Cryptography;
using Stencil.Engine.Object;

namespace Stencil.Engine.Tests.Object;

/// <summary>The object's bytes are a product promise: the same module must give the same file, release after
/// release, however it is written out.</summary>
[TestClass]
public sealed class ObjectBytesTests
{
    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    [TestMethod]
    public void TheSampleObjectKeepsItsExactBytes()
    {
        // Pinned from the writer as it was before the object path was reworked for speed; a change here changes
        // every object Stencil writes.
        Assert.AreEqual("A69D0924011A2C3242489210B93A3EE9E9A88C79E6D4A705BBE7E85104B5C12A", Sha256(SampleObject.Build(new ObjectModuleOptions { FileSymbolName = "sample.clif" }).Finish().Emit()));
        Assert.AreEqual("DD929A8FF24535CD30FF08D357B4C6548012323C3B7FC1DDFAA23AD2C2E0FA35", Sha256(SampleObject.Build().Finish().Emit()));
    }

    [TestMethod]
    public void EveryWayOfWritingGivesTheSameBytes()
    {
        var product = SampleObject.Build().Finish();
        var emitted = product.Emit();
        Assert.HasCount(product.Size, emitted);

        var buffer = new ArrayBufferWriter<byte>(1);
        product.WriteTo(buffer);
        CollectionAssert.AreEqual(emitted, buffer.WrittenSpan.ToArray());

        // A dirty destination, larger than the object: every byte of the object is written, none after it.
        var span = new byte[product.Size + 16];
        Array.Fill(span, (byte)0xAA);
        product.WriteTo(span);
        CollectionAssert.AreEqual(emitted, span[..product.Size]);
        Assert.IsTrue(span[product.Size..].All(b => b == 0xAA));

        Assert.ThrowsExactly<ArgumentException>(() => product.WriteTo(new byte[product.Size - 1]));
    }
}
