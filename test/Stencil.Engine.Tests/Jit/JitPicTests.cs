using Stencil.Engine.Compilation;
using Stencil.Engine.Jit;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Jit;

/// <summary>The JIT binds is_pic code: calls through GOT entries, to module functions and to the C library.</summary>
[TestClass]
public sealed unsafe class JitPicTests
{
    [TestMethod]
    public void IsPicCallsThroughTheGotRun()
    {
        Assert.IsTrue(IsaFlags.TryParse(["is_pic"], out var flags, out var error), error);
        var context = new Context(IsaRegistry.Lookup(TargetTriple.X86_64Linux, flags));
        using var module = new JitModule();
        JitTestSupport.Define(module, context, """
            function %half(f64) -> f64 {
            block0(v0: f64):
                v1 = f64const 0x1.0p-1
                v2 = fmul v0, v1
                return v2
            }
            """);
        var caller = JitTestSupport.Define(module, context, """
            function %ceil_half(f64) -> f64 {
                fn0 = %half(f64) -> f64
                fn1 = %CeilF64(f64) -> f64
            block0(v0: f64):
                v1 = call fn0(v0)
                v2 = call fn1(v1)
                return v2
            }
            """);
        module.FinalizeDefinitions();
        Assert.IsGreaterThan(0, module.GotSlotCount, "is_pic calls go through GOT slots");
        var f = (delegate* unmanaged<double, double>)module.GetFunctionPointer(caller);
        Assert.AreEqual(2.0, f(3.0));
        Assert.AreEqual(-1.0, f(-3.0));
    }
}
