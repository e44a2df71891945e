using Stencil.Ir.Keys;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Keys;

/// <summary>The key tells apart the names and flags of thread-local access: each decides different machine code.</summary>
[TestClass]
public sealed class StencilKeyTlsTests
{
    private static readonly KeyContext Ctx = new("x86_64-unknown-linux-gnu", [KeyValuePair.Create("opt_level", "none")], "build-1");

    private static string Function(string global, string callee) => $$"""
        function %f(i64) -> i64 {
            gv0 = {{global}}
            sig0 = (i64) -> i64
            fn0 = {{callee}} sig0

        block0(v0: i64):
            v1 = symbol_value.i64 gv0
            v2 = call fn0(v1)
            return v2
        }
        """;

    private static CacheKey Key(string text, KeyContext? ctx = null) => StencilEncoder.ComputeKey(ClifReader.ParseFunction(text, "k.clif").Stencil, ctx ?? Ctx);

    [TestMethod]
    public void EveryTlsNameAndTheTlsFlagChangeTheKey()
    {
        var keys = new[]
        {
            Key(Function("symbol %ElfGlobalOffsetTable", "%ElfTlsGetAddr")),
            Key(Function("symbol %ElfGlobalOffsetTable", "%ElfTlsGetOffset")),
            Key(Function("symbol %ElfGlobalOffsetTable", "%Memcpy")),
            Key(Function("symbol %CoffTlsIndex", "%ElfTlsGetAddr")),
            Key(Function("symbol %data", "%ElfTlsGetAddr")),
            Key(Function("symbol tls %data", "%ElfTlsGetAddr")),
            Key(Function("symbol colocated tls %data", "%ElfTlsGetAddr")),
        };
        Assert.AreEqual(keys.Length, keys.Distinct().Count(), string.Join("\n", keys));
        Assert.AreEqual(keys[0], Key(Function("symbol %ElfGlobalOffsetTable", "%ElfTlsGetAddr")), "same text, same key");
    }
}
