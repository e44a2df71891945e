using Stencil.Ir.Keys;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Keys;

/// <summary>The canonical key sees exception tables, block-argument kinds and dynamic types.</summary>
[TestClass]
public sealed class StencilKeyExceptionAndDynamicTests
{
    private static readonly KeyContext Ctx = new("x86_64-unknown-linux-gnu", [KeyValuePair.Create("opt_level", "none")], "build-1");

    private const string TryCall = """
        function %main(i64) -> i64 {
            sig0 = (i64, i32) -> i64 tail
            fn0 = %throw(i64, i32) -> i64 tail

        block0(v0: i64):
            v1 = iconst.i32 1
            v9 = iconst.i64 7
            try_call fn0(v0, v1), sig0, block1(ret0), [ tag1: block2(exn0, exn1), default: block3(exn0) ]

        block1(v2: i64):
            return v2

        block2(v4: i64, v5: i64):
            v6 = isub v5, v4
            return v6

        block3(v8: i64):
            v10 = iadd v8, v9
            return v10
        }
        """;

    private const string Dynamic = """
        function %add(i8, i8) -> i8x16 {
            gv0 = dyn_scale_target_const.i8x16
            gv1 = dyn_scale_target_const.i8x16
            dt0 = i8x16*gv0

        block0(v0: i8, v1: i8):
            v2 = splat.dt0 v0
            v3 = splat.dt0 v1
            v4 = iadd v2, v3
            v5 = extract_vector v4, 0
            return v5
        }
        """;

    private static Stencil.Ir.Keys.CacheKey Key(string text) => StencilEncoder.ComputeKey(ClifReader.ParseFunction(text, "k.clif").Stencil, Ctx);

    [TestMethod]
    public void FormatVersionWasBumped() => Assert.IsGreaterThanOrEqualTo(2, StencilEncoder.FormatVersion);

    [TestMethod]
    public void SameTextSameKey()
    {
        Assert.AreEqual(Key(TryCall), Key(TryCall));
        Assert.AreEqual(Key(Dynamic), Key(Dynamic));
    }

    [TestMethod]
    public void HandlerTagChangesTheKey() => Assert.AreNotEqual(Key(TryCall), Key(TryCall.Replace("tag1:", "tag2:")));

    [TestMethod]
    public void HandlerOrderChangesTheKey() =>
        Assert.AreNotEqual(Key(TryCall), Key(TryCall.Replace("block2(exn0, exn1)", "block2(exn1, exn0)")));

    [TestMethod]
    public void BodyOfABlockReachedOnlyThroughTheTableChangesTheKey() =>
        Assert.AreNotEqual(Key(TryCall), Key(TryCall.Replace("v6 = isub v5, v4", "v6 = iadd v5, v4")));

    [TestMethod]
    public void ValueUsedOnlyInAHandlerIsPartOfTheKey() =>
        Assert.AreNotEqual(Key(TryCall), Key(TryCall.Replace("v9 = iconst.i64 7", "v9 = iconst.i64 8")));

    [TestMethod]
    public void BlockArgKindChangesTheKey() =>
        Assert.AreNotEqual(Key(TryCall), Key(TryCall.Replace("block1(ret0)", "block1(v0)")));

    [TestMethod]
    public void DynamicControllingTypeChangesTheKey() =>
        Assert.AreNotEqual(Key(Dynamic), Key(Dynamic.Replace("v2 = splat.dt0 v0", "v2 = splat.i8x16 v0")));

    [TestMethod]
    public void DynamicTypeScaleChangesTheKey() =>
        Assert.AreNotEqual(Key(Dynamic), Key(Dynamic.Replace("dt0 = i8x16*gv0", "dt0 = i8x16*gv1")));
}
