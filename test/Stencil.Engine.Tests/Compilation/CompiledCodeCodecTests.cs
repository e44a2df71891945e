using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Tests.Compilation;

[TestClass]
public sealed class CompiledCodeCodecTests
{
    internal static CompiledCodeStencil Sample() => new(
        [0x55, 0x48, 0x89, 0xE5, 0xE8, 0, 0, 0, 0, 0x5D, 0xC3, 0x0F, 0x0B],
        [new MachReloc(5, Reloc.X86CallPLTRel4, ExternalName.FromUser(new UserExternalNameRef(1)), -4),
         new MachReloc(5, Reloc.X86CallPLTRel4, ExternalName.FromLibCall(LibCall.Memcmp), -4)],
        [new MachTrap(11, TrapCode.IntegerDivisionByZero)],
        [new MachSrcLoc(0, 4, new RelSourceLoc(0)), new MachSrcLoc(4, 9, new RelSourceLoc(3))],
        16, 16);

    [TestMethod]
    public void RoundTripsEveryField()
    {
        var original = Sample();
        Assert.IsTrue(CompiledCodeCodec.TryDecode(CompiledCodeCodec.Encode(original), out var decoded));
        Assert.IsTrue(original.SameAs(decoded!));
    }

    [TestMethod]
    public void TheEncodingIsPinned()
    {
        // The cache's on-disk format: any change to these bytes needs a new FormatVersion.
        Assert.AreEqual("53544E43010000000D554889E5E8000000005DC30F0B0205040001070504010E07010BFE020004000409031010", Convert.ToHexString(CompiledCodeCodec.Encode(Sample())));
    }

    [TestMethod]
    public void UnknownRelocationKindsAreRejected()
    {
        var bytes = CompiledCodeCodec.Encode(Sample());
        // Header (8), code length and 13 code bytes, relocation count, then the first relocation's offset and kind.
        int kindAt = 8 + 1 + 13 + 1 + 1;
        Assert.AreEqual((byte)Reloc.X86CallPLTRel4, bytes[kindAt]);
        foreach (var kind in new byte[] { (byte)(Enum.GetValues<Reloc>().Max() + 1), 0x7f, 0xff })
        {
            bytes[kindAt] = kind;
            Assert.IsFalse(CompiledCodeCodec.TryDecode(bytes, out _), $"relocation kind {kind} decoded");
        }
    }

    [TestMethod]
    public void EveryRelocationKindRoundTrips()
    {
        foreach (var kind in Enum.GetValues<Reloc>())
        {
            var original = new CompiledCodeStencil(new byte[16],
                [new MachReloc(4, kind, ExternalName.FromUser(new UserExternalNameRef(2)), 2)], [], [], 16, 8);
            Assert.IsTrue(CompiledCodeCodec.TryDecode(CompiledCodeCodec.Encode(original), out var decoded), $"{kind}");
            Assert.IsTrue(original.SameAs(decoded!), $"{kind}");
        }
    }

    [TestMethod]
    public void EncodingIsDeterministic() =>
        CollectionAssert.AreEqual(CompiledCodeCodec.Encode(Sample()), CompiledCodeCodec.Encode(Sample()));

    [TestMethod]
    public void EveryTruncationIsRejected()
    {
        var bytes = CompiledCodeCodec.Encode(Sample());
        for (int len = 0; len < bytes.Length; len++)
            Assert.IsFalse(CompiledCodeCodec.TryDecode(bytes.AsSpan(0, len), out _), $"prefix of {len} bytes decoded");
        Assert.IsFalse(CompiledCodeCodec.TryDecode([.. bytes, 0], out _), "trailing byte accepted");
    }

    [TestMethod]
    public void RandomDamageNeverThrows()
    {
        var bytes = CompiledCodeCodec.Encode(Sample());
        var rng = new Random(1234);
        for (int i = 0; i < 5000; i++)
        {
            var copy = (byte[])bytes.Clone();
            int flips = rng.Next(1, 4);
            for (int f = 0; f < flips; f++) copy[rng.Next(copy.Length)] ^= (byte)rng.Next(1, 256);
            if (CompiledCodeCodec.TryDecode(copy, out var d))
                Assert.IsTrue(d!.Relocs.All(r => r.Offset <= d.Code.Length) && d.Traps.All(t => t.Offset <= d.Code.Length));
        }
        var garbage = new byte[256];
        for (int i = 0; i < 2000; i++)
        {
            rng.NextBytes(garbage);
            Assert.IsFalse(CompiledCodeCodec.TryDecode(garbage.AsSpan(0, rng.Next(garbage.Length)), out _));
        }
    }

    [TestMethod]
    public void OtherFormatVersionsAreNotDecoded()
    {
        var bytes = CompiledCodeCodec.Encode(Sample());
        bytes[4]++;
        Assert.IsFalse(CompiledCodeCodec.TryDecode(bytes, out _));
    }
}
