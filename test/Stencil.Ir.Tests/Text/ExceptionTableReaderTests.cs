using Stencil.Ir.Diagnostics;
using Stencil.Ir.Entities;
using Stencil.Ir.Text;
using VerifierApi = Stencil.Ir.Verification.Verifier;
using Stencil.Ir.Verification;

namespace Stencil.Ir.Tests.Text;

[TestClass]
public sealed class ExceptionTableReaderTests
{
    private const string TryCall = """
        function %main(i64) -> i64 tail {
            sig0 = (i64, i32) -> i64 tail
            fn0 = %throw(i64, i32) -> i64 tail

        block0(v0: i64):
            v1 = iconst.i32 1
            try_call fn0(v0, v1), sig0, block1(ret0, v0), [ tag1: block2(exn0, exn1), default: block3(v1, exn0) ]

        block1(v2: i64, v3: i64):
            return v2

        block2(v4: i64, v5: i64):
            v6 = isub v5, v4
            return v6

        block3(v7: i32, v8: i64):
            return v8
        }
        """;

    private const string TryCallIndirect = """
        function %ind(i64) -> i64 {
            sig0 = (i64) -> i64 tail
            fn0 = %callee(i64) -> i64 tail

        block0(v0: i64):
            v1 = func_addr.i64 fn0
            try_call_indirect v1(v0), sig0, block1(ret0), []

        block1(v2: i64):
            return v2
        }
        """;

    private static string RoundTrip(string text)
    {
        var once = ClifWriter.Write(ClifReader.ParseFunction(text, "t.clif"));
        var twice = ClifWriter.Write(ClifReader.ParseFunction(once, "written.clif"));
        Assert.AreEqual(once, twice);
        return once;
    }

    private static Diagnostic Error(string text) =>
        Assert.ThrowsExactly<DiagnosticException>(() => ClifReader.ParseFunction(text, "bad.clif")).Diagnostic;

    private static void AssertError(string text, string code, int line, int column, string messagePart)
    {
        var d = Error(text);
        Assert.AreEqual((code, line, column), (d.Code, d.Line, d.Column), d.ToString());
        Assert.Contains(messagePart, d.Message);
    }

    private static string WithTable(string table) =>
        TryCall.Replace("block1(ret0, v0), [ tag1: block2(exn0, exn1), default: block3(v1, exn0) ]", table);

    [TestMethod]
    public void TryCallParsesIntoAnExceptionTable()
    {
        var f = ClifReader.ParseFunction(TryCall, "t.clif");
        var inst = f.Layout.BlockInsts(new Block(0)).Last();
        var d = f.Dfg[inst];
        Assert.AreEqual(Opcode.TryCall, d.Opcode);
        Assert.IsEmpty(f.Dfg.InstResults(inst));
        var table = f.Dfg.ExceptionTableOf(inst);
        Assert.IsNotNull(table);
        Assert.AreEqual(new SigRef(0), table.Signature);
        Assert.AreEqual(new Block(1), table.NormalReturn.Block);
        CollectionAssert.AreEqual(new[] { BlockArg.Ret(0), BlockArg.Of(new Value(0)) }, table.NormalReturn.Args);
        Assert.HasCount(2, table.Entries);
        Assert.AreEqual(1u, table.Entries[0].Tag);
        CollectionAssert.AreEqual(new[] { BlockArg.Exn(0), BlockArg.Exn(1) }, table.Entries[0].Target.Args);
        Assert.IsNull(table.Entries[1].Tag);
        CollectionAssert.AreEqual(new[] { BlockArg.Of(new Value(1)), BlockArg.Exn(0) }, table.Entries[1].Target.Args);
    }

    [TestMethod]
    public void TryCallRoundTrips()
    {
        var text = RoundTrip(TryCall);
        StringAssert.Contains(text, "try_call fn0(v0, v1), sig0, block1(ret0, v0), [ tag1: block2(exn0, exn1), default: block3(v1, exn0) ]");
    }

    [TestMethod]
    public void TryCallIndirectWithAnEmptyTableRoundTrips()
    {
        var text = RoundTrip(TryCallIndirect);
        StringAssert.Contains(text, "try_call_indirect v1(v0), sig0, block1(ret0), []");
    }

    [TestMethod]
    public void WellFormedTryCallsVerify()
    {
        foreach (var text in new[] { TryCall, TryCallIndirect })
        {
            var diags = VerifierApi.Verify(ClifReader.ParseFunction(text, "t.clif"));
            Assert.IsEmpty(diags, string.Join("\n", diags));
        }
    }

    [TestMethod]
    public void DeadCodeEliminationKeepsBlocksReachedOnlyThroughTheTable()
    {
        var f = ClifReader.ParseFunction(TryCall, "t.clif");
        DeadCodeElimination.Run(f.Stencil);
        CollectionAssert.AreEqual(new[] { new Block(0), new Block(1), new Block(2), new Block(3) }, f.Layout.Blocks.ToArray());
        var diags = VerifierApi.Verify(f);
        Assert.IsEmpty(diags, string.Join("\n", diags));
    }

    [TestMethod]
    public void VerifierRejectsARetIndexBeyondTheCalleesReturns()
    {
        var f = ClifReader.ParseFunction(TryCallIndirect.Replace("block1(ret0)", "block1(ret1)"), "t.clif");
        var diags = VerifierApi.Verify(f);
        Assert.IsTrue(diags.Any(d => d.Code == VerifierDiagnosticCodes.BranchArguments && d.Message.Contains("ret1")), string.Join("\n", diags));
    }

    [TestMethod]
    public void VerifierRejectsAWrongArgumentCount()
    {
        var f = ClifReader.ParseFunction(TryCallIndirect.Replace("block1(ret0)", "block1"), "t.clif");
        var diags = VerifierApi.Verify(f);
        Assert.IsTrue(diags.Any(d => d.Code == VerifierDiagnosticCodes.BranchArguments && d.Message.Contains("0 arguments")), string.Join("\n", diags));
    }

    [TestMethod]
    public void MissingBracket() =>
        AssertError(WithTable("block1(ret0, v0), tag1: block2(exn0, exn1)"), ReaderDiagnosticCodes.UnexpectedToken, 7, 51, "`[` starting the exception table");

    [TestMethod]
    public void UnterminatedTable() =>
        AssertError(WithTable("block1(ret0, v0), [ tag1: block2(exn0, exn1)"), ReaderDiagnosticCodes.UnexpectedToken, 9, 1, "`]` closing the exception table");

    [TestMethod]
    public void BadHandlerKey() =>
        AssertError(WithTable("block1(ret0, v0), [ v9: block2(exn0, exn1) ]"), ReaderDiagnosticCodes.UnexpectedToken, 7, 53, "`tagN: blockM` or `default: blockM`");

    [TestMethod]
    public void MissingColonAfterTag() =>
        AssertError(WithTable("block1(ret0, v0), [ tag1 block2(exn0, exn1) ]"), ReaderDiagnosticCodes.UnexpectedToken, 7, 58, "`:` after `tag1`");

    [TestMethod]
    public void DuplicateTag() =>
        AssertError(WithTable("block1(ret0, v0), [ tag1: block2(exn0, exn1), tag1: block2(exn0, exn1) ]"),
            ReaderDiagnosticCodes.DuplicateDefinition, 7, 79, "two handlers for `tag1`");

    [TestMethod]
    public void DuplicateDefault() =>
        AssertError(WithTable("block1(ret0, v0), [ default: block3(v1, exn0), default: block3(v1, exn0) ]"),
            ReaderDiagnosticCodes.DuplicateDefinition, 7, 80, "two `default` handlers");

    [TestMethod]
    public void RetInAHandler() =>
        AssertError(WithTable("block1(ret0, v0), [ tag1: block2(ret0, exn1) ]"), ReaderDiagnosticCodes.UnexpectedToken, 7, 66, "only the normal-return destination");

    [TestMethod]
    public void ExnInTheNormalReturn() =>
        AssertError(WithTable("block1(exn0, v0), []"), ReaderDiagnosticCodes.UnexpectedToken, 7, 40, "only handler destinations");

    [TestMethod]
    public void UndeclaredSignature() =>
        AssertError(TryCall.Replace("), sig0, block1", "), sig4, block1"), ReaderDiagnosticCodes.UndefinedReference, 7, 27, "`sig4` is not declared");

    [TestMethod]
    public void UndefinedHandlerBlock() =>
        AssertError(WithTable("block1(ret0, v0), [ tag1: block9(exn0, exn1) ]"), ReaderDiagnosticCodes.UndefinedReference, 7, 59, "`block9`");

    [TestMethod]
    public void ContextItemsAreReportedUnsupported() =>
        AssertError(WithTable("block1(ret0, v0), [ context v0, tag1: block2(exn0, exn1) ]"), ReaderDiagnosticCodes.Unsupported, 7, 53, "`context`");
}
