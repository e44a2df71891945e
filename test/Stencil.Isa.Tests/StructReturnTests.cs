using Stencil.Ir.Diagnostics;

namespace Stencil.Isa.Tests;

/// <summary>System V: a function with an <c>sret</c> parameter returns that pointer in rax.</summary>
[TestClass]
public sealed unsafe class StructReturnTests
{
    [TestMethod]
    public void SretFunctionReturnsItsPointerInRax()
    {
        // Cranelift's conformance file struct-ret.clif, %f0.
        var code = ClifIsa.Compile("""
            function %f0(i64 sret) {
            block0(v0: i64):
                v1 = iconst.i64 42
                store v1, v0
                return
            }
            """);
        using var image = new JitImage(code);
        var f = (delegate* unmanaged<long*, long*>)image[0];
        long slot = 0;
        long* returned = f(&slot);
        Assert.AreEqual(42L, slot);
        Assert.IsTrue(returned == &slot, "rax must hold the sret pointer");
    }

    [TestMethod]
    public void SretInAnyPositionIsReturnedAndCallersStillWork()
    {
        var callee = ClifIsa.Compile("""
            function %fill(i64, i64 sret, i64) {
            block0(v0: i64, v1: i64, v2: i64):
                v3 = iadd v0, v2
                store v3, v1
                store v0, v1+8
                return
            }
            """);
        var caller = ClifIsa.Compile("""
            function %caller(i64, i64) -> i64 {
                fn0 = %fill(i64, i64 sret, i64)
            block0(v0: i64, v1: i64):
                call fn0(v0, v1, v0)
                v2 = load.i64 v1
                v3 = load.i64 v1+8
                v4 = iadd v2, v3
                return v4
            }
            """);
        using var image = new JitImage(callee, caller);
        var fill = (delegate* unmanaged<long, long*, long, long*>)image[0];
        var pair = stackalloc long[2];
        Assert.IsTrue(fill(3, pair, 4) == pair);
        Assert.AreEqual(7L, pair[0]);
        Assert.AreEqual(3L, pair[1]);
        Assert.AreEqual(15L, ((delegate* unmanaged<long, long*, long>)image[1])(5, pair));
    }

    [TestMethod]
    public void SretWithOtherReturnsIsRefused()
    {
        var e = Assert.ThrowsExactly<DiagnosticException>(() => ClifIsa.Compile("""
            function %both(i64 sret) -> i64 {
            block0(v0: i64):
                return v0
            }
            """));
        Assert.AreEqual(IsaDiagnostics.UnsupportedAbi, e.Diagnostic.Code);
        StringAssert.Contains(e.Diagnostic.Message, "sret");
    }
}
