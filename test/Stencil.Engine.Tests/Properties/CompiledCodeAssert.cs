using Stencil.Engine.Compilation;

namespace Stencil.Engine.Tests.Properties;

internal static class CompiledCodeAssert
{
    /// <summary>Byte-for-byte equality of final code and everything attached to it.</summary>
    public static void Same(CompiledCode expected, CompiledCode actual, string what)
    {
        Assert.AreEqual(expected.SymbolName, actual.SymbolName, what);
        CollectionAssert.AreEqual(expected.Code, actual.Code, what);
        CollectionAssert.AreEqual(expected.Relocs.ToArray(), actual.Relocs.ToArray(), what);
        CollectionAssert.AreEqual(expected.Traps.ToArray(), actual.Traps.ToArray(), what);
        CollectionAssert.AreEqual(expected.SrcLocs.ToArray(), actual.SrcLocs.ToArray(), what);
        Assert.AreEqual(expected.FrameSize, actual.FrameSize, what);
        Assert.AreEqual(expected.Alignment, actual.Alignment, what);
    }
}
