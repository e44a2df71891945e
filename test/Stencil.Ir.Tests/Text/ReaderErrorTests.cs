using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

[TestClass]
public sealed class ReaderErrorTests
{
    private static Diagnostic Error(string text)
    {
        var e = Assert.ThrowsExactly<DiagnosticException>(() => ClifReader.ParseFile(text, "bad.clif"));
        Assert.AreEqual("bad.clif", e.Diagnostic.File);
        return e.Diagnostic;
    }

    private static void AssertAt(string text, string code, int line, int column)
    {
        var d = Error(text);
        Assert.AreEqual((code, line, column), (d.Code, d.Line, d.Column), d.ToString());
    }

    [TestMethod]
    public void Garbage() => AssertAt("test run\n  $$$ function", ReaderDiagnosticCodes.UnexpectedCharacter, 2, 3);

    [TestMethod]
    public void GarbageWordAtTopLevel() => AssertAt("\nfunctoin %f() {}", ReaderDiagnosticCodes.UnexpectedToken, 2, 1);

    [TestMethod]
    public void TruncatedFunction() => AssertAt("function %f() {\nblock0:\n    return", ReaderDiagnosticCodes.UnexpectedEndOfFile, 3, 11);

    [TestMethod]
    public void TruncatedInsideOperands() => AssertAt("function %f(i32) {\nblock0(v0: i32):\n    v1 = iadd v0,", ReaderDiagnosticCodes.UnexpectedEndOfFile, 3, 18);

    [TestMethod]
    public void MissingClosingBraceAtEndOfFile() => AssertAt("function %f() {\nblock0:\n    return\n", ReaderDiagnosticCodes.UnexpectedEndOfFile, 4, 1);

    [TestMethod]
    public void MissingClosingBraceBeforeNextFunction() =>
        AssertAt("function %f() {\nblock0:\n    return\n\nfunction %g() {\nblock0:\n    return\n}\n", ReaderDiagnosticCodes.UnexpectedEndOfFile, 5, 1);

    [TestMethod]
    public void UnknownOpcode() =>
        AssertAt("function %f(i32) {\nblock0(v0: i32):\n    v1 = frobnicate v0\n    return\n}", ReaderDiagnosticCodes.UnknownOpcode, 3, 10);

    [TestMethod]
    public void UnknownType() => AssertAt("function %f(i32) {\nblock0(v0: i7):\n    return\n}", ReaderDiagnosticCodes.UnknownType, 2, 12);

    [TestMethod]
    public void UnknownTypeInSignature() => AssertAt("function %f(i32, f80) {\nblock0:\n    return\n}", ReaderDiagnosticCodes.UnknownType, 1, 18);

    [TestMethod]
    public void UndefinedValue() =>
        AssertAt("function %f(i32) -> i32 {\nblock0(v0: i32):\n    v1 = iadd v0, v9\n    return v1\n}", ReaderDiagnosticCodes.UndefinedReference, 3, 19);

    [TestMethod]
    public void UndefinedBlock() =>
        AssertAt("function %f() {\nblock0:\n    jump block7\n}", ReaderDiagnosticCodes.UndefinedReference, 3, 10);

    [TestMethod]
    public void UndefinedFuncRef() =>
        AssertAt("function %f() {\nblock0:\n    call fn3()\n    return\n}", ReaderDiagnosticCodes.UndefinedReference, 3, 10);

    [TestMethod]
    public void DuplicateValue() =>
        AssertAt("function %f() {\nblock0:\n    v1 = iconst.i32 1\n    v1 = iconst.i32 2\n    return\n}", ReaderDiagnosticCodes.DuplicateDefinition, 4, 5);

    [TestMethod]
    public void DuplicateBlock() =>
        AssertAt("function %f() {\nblock0:\n    return\nblock0:\n    return\n}", ReaderDiagnosticCodes.DuplicateDefinition, 4, 1);

    [TestMethod]
    public void ImmediateOutOfRange() =>
        AssertAt("function %f() {\nblock0:\n    v1 = iconst.i8 256\n    return\n}", ReaderDiagnosticCodes.BadImmediate, 3, 20);

    [TestMethod]
    public void BadFloat() =>
        AssertAt("function %f() {\nblock0:\n    v1 = f32const 1.5\n    return\n}", ReaderDiagnosticCodes.BadImmediate, 3, 19);

    [TestMethod]
    public void BadTargetHeader() => AssertAt("test run\ntarget   \n", ReaderDiagnosticCodes.BadHeader, 2, 1);

    [TestMethod]
    public void BadSetItem() => AssertAt("set opt_level=speed =x\n", ReaderDiagnosticCodes.BadHeader, 1, 21);

    [TestMethod]
    public void WrongResultCount() =>
        AssertAt("function %f(i32) {\nblock0(v0: i32):\n    v1, v2 = iadd v0, v0\n    return\n}", ReaderDiagnosticCodes.ResultCountMismatch, 3, 14);

    [TestMethod]
    public void MissingControllingType() =>
        AssertAt("function %f() {\nblock0:\n    v1 = iconst 1\n    return\n}", ReaderDiagnosticCodes.CannotInferType, 3, 10);

    [TestMethod]
    public void UnknownConditionCode() =>
        AssertAt("function %f(i32) {\nblock0(v0: i32):\n    v1 = icmp weird v0, v0\n    return\n}", ReaderDiagnosticCodes.UnknownName, 3, 15);

    [TestMethod]
    public void TrailingGarbageOnInstructionLine() =>
        AssertAt("function %f(i32) {\nblock0(v0: i32):\n    v1 = iadd v0, v0 v0\n    return\n}", ReaderDiagnosticCodes.UnexpectedToken, 3, 22);

    [TestMethod]
    public void InstructionBeforeAnyBlock() =>
        AssertAt("function %f() {\n    return\n}", ReaderDiagnosticCodes.UnexpectedToken, 2, 5);

    [TestMethod]
    public void DynamicVectorTypeIsUnsupportedType() =>
        AssertAt("function %f(i32x4xN) {\nblock0:\n    return\n}", ReaderDiagnosticCodes.UnknownType, 1, 13);

    [TestMethod]
    public void DynamicScaleGlobalNeedsAVectorType() =>
        AssertAt("function %f() {\n    gv0 = dyn_scale_target_const.i32\nblock0:\n    return\n}", ReaderDiagnosticCodes.UnknownType, 2, 34);

    [TestMethod]
    public void EntityNumberBeyondTheLimit() =>
        AssertAt("function %f() {\nblock0:\n    v99999999 = iconst.i32 0\n    return\n}", ReaderDiagnosticCodes.BadImmediate, 3, 5);

    [TestMethod]
    public void AliasCycle() =>
        AssertAt("function %f() {\nblock0:\n    v1 -> v2\n    v2 -> v1\n    return\n}", ReaderDiagnosticCodes.UndefinedReference, 3, 5);

    [TestMethod]
    public void CannotDeriveTypeFromUndefinedResultChain() =>
        AssertAt("function %f() {\nblock0:\n    v1 = iadd v2, v2\n    v2 = iadd v1, v1\n    return\n}", ReaderDiagnosticCodes.CannotInferType, 3, 10);

    [TestMethod]
    public void WrongOperandTypesAreLeftToTheVerifier()
    {
        var f = ClifReader.ParseFunction("function %f(i32, i64) {\nblock0(v0: i32, v1: i64):\n    v2 = iadd v0, v1\n    return\n}");
        Assert.AreEqual(IrType.I32, f.Dfg.ValueType(new Entities.Value(2)));
    }

    [TestMethod]
    public void EveryCodeIsDocumentedOnce()
    {
        var codes = ReaderDiagnosticCodes.All.Select(c => c.Code).ToArray();
        CollectionAssert.AllItemsAreUnique(codes);
        Assert.IsTrue(codes.All(c => c.StartsWith("STN10", StringComparison.Ordinal)));
    }
}
