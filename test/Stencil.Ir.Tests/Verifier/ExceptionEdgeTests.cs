using Stencil.Ir.Text;
using Stencil.Ir.Verification;

namespace Stencil.Ir.Tests.Verifier;

/// <summary>A try_call's normal return and handlers are control-flow edges: handler blocks are reachable and
/// their uses must be dominated like any other.</summary>
[TestClass]
public sealed class ExceptionEdgeTests
{
    private const string Template = """
        function %f(i64) -> i64 {
            sig0 = (i64) -> i64 tail
            fn0 = %g(i64) -> i64 tail
        block0(v0: i64):
            try_call fn0(v0), sig0, block1(ret0), [ default: block2(exn0) ]
        block1(v1: i64):
            v2 = iadd v1, v0
            return v2
        block2(v3: i64):
            HANDLER
        }
        """;

    [TestMethod]
    public void HandlerUsingAValueFromTheEntryVerifies()
    {
        var f = ClifReader.ParseFunction(Template.Replace("HANDLER", "v4 = iadd v3, v0\n    return v4"), "t.clif");
        Assert.IsEmpty(Stencil.Ir.Verification.Verifier.Verify(f));
    }

    [TestMethod]
    public void HandlerUsingAValueOfTheNormalReturnPathIsADominanceError()
    {
        var f = ClifReader.ParseFunction(Template.Replace("HANDLER", "v4 = iadd v3, v2\n    return v4"), "t.clif");
        var d = Stencil.Ir.Verification.Verifier.Verify(f);
        Assert.IsTrue(d.Any(x => x.Code == VerifierDiagnosticCodes.NotDominated), string.Join("\n", d));
    }
}
