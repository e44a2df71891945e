using Stencil.Engine.Jit;
using Stencil.Ir;
using Stencil.Ir.Text;

namespace Stencil.Engine.Tests.Jit;

[TestClass]
public sealed class ForkedCallerTests
{
    private const string Guarded = """
        function %guarded(i32) -> i32 {
        block0(v0: i32):
            trapz v0, user7
            v1 = iadd_imm v0, 1
            return v1
        }
        """;

    [TestMethod]
    public void ReturnsResultsAndReportsTrapsWithoutKillingTheProcess()
    {
        var context = JitTestSupport.HostContext();
        using var module = new JitModule();
        var id = JitTestSupport.Define(module, context, Guarded);
        var tramp = new JitTrampolines(module, context).GetOrDefine(ClifReader.ParseFunction(Guarded).Signature);
        module.FinalizeDefinitions();
        using var caller = new ForkedCaller();
        var results = new UInt128[1];

        var ok = caller.Call(module.GetFunctionPointer(tramp), module.GetFunctionPointer(id), [41], results);
        Assert.AreEqual(ForkedCallStatus.Returned, ok.Status);
        Assert.AreEqual((UInt128)42, results[0]);

        var trapped = caller.Call(module.GetFunctionPointer(tramp), module.GetFunctionPointer(id), [0], results);
        Assert.AreEqual(ForkedCallStatus.Trapped, trapped.Status);
        Assert.AreEqual(4, trapped.Signal, "ud2 raises SIGILL");
        Assert.IsTrue(module.TryFindTrap(trapped.FaultAddress, out var trap), "the fault address is a trap site");
        Assert.AreEqual(TrapCode.User(7), trap.Code);
        Assert.AreEqual("guarded", trap.Function);
    }

    [TestMethod]
    public void EndlessLoopsTimeOut()
    {
        const string spin = """
            function %spin() {
            block0:
                jump block1
            block1:
                jump block1
            }
            """;
        var context = JitTestSupport.HostContext();
        using var module = new JitModule();
        var id = JitTestSupport.Define(module, context, spin);
        var tramp = new JitTrampolines(module, context).GetOrDefine(ClifReader.ParseFunction(spin).Signature);
        module.FinalizeDefinitions();
        using var caller = new ForkedCaller();
        var outcome = caller.Call(module.GetFunctionPointer(tramp), module.GetFunctionPointer(id), [], [], timeoutSeconds: 1);
        Assert.AreEqual(ForkedCallStatus.TimedOut, outcome.Status);
    }
}
