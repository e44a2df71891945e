using Stencil.Wasm.Diagnostics;
using Stencil.Wasm.Module;
using static Stencil.Wasm.Tests.WasmBuilder;

namespace Stencil.Wasm.Tests.Validation;

/// <summary>One test per rule of the spec's validation, each with a module that passes and one that breaks it.</summary>
[TestClass]
public sealed class ValidatorTests
{
    private static void AssertInvalid(WasmBuilder builder, string text)
    {
        var d = builder.Reject();
        Assert.AreEqual(WasmDiagnosticCodes.Invalid, d.Code, d.ToString());
        StringAssert.StartsWith(d.Message, text, d.ToString());
        StringAssert.Contains(d.Message, " at offset 0x");
    }

    private static WasmBuilder Body(ValType[] ps, ValType[] rs, params byte[] code) => new WasmBuilder().Func(ps, rs, code);

    [TestMethod]
    public void OperandTypesMustMatch()
    {
        Body(I32, I32, 0x20, 0, 0x41, 1, 0x6A, 0x0B).Load();
        AssertInvalid(Body(I64, I32, 0x20, 0, 0x41, 1, 0x6A, 0x0B), "type mismatch");
        AssertInvalid(Body(None, I32, 0x0B), "type mismatch");
        AssertInvalid(Body(None, None, 0x41, 1, 0x0B), "type mismatch");
    }

    [TestMethod]
    public void IndicesMustExist()
    {
        AssertInvalid(Body(None, None, 0x20, 0, 0x1A, 0x0B), "unknown local");
        AssertInvalid(Body(None, None, 0x10, 5, 0x0B), "unknown function");
        AssertInvalid(Body(None, None, 0x23, 0, 0x1A, 0x0B), "unknown global");
        AssertInvalid(Body(None, None, 0x0C, 1, 0x0B), "unknown label");
        AssertInvalid(Body(None, None, 0x41, 0, 0x11, 0, 0, 0x0B), "unknown table");
        AssertInvalid(Body(None, None, 0x02, 9, 0x0B, 0x0B), "unknown type");
    }

    [TestMethod]
    public void UnreachableCodeIsPolymorphic()
    {
        Body(None, I32, 0x00, 0x6A, 0x0B).Load();
        Body(None, I64, 0x00, 0x0F, 0x0B).Load();
        AssertInvalid(Body(None, I32, 0x00, 0x42, 0, 0x6A, 0x0B), "type mismatch");
    }

    [TestMethod]
    public void BlocksCarryParametersAndSeveralResults()
    {
        // Type 1: [i32] -> [i32 i32], a block type by index (multi-value).
        new WasmBuilder().Func(None, [ValType.I32, ValType.I32], [0x41, 7, 0x02, 1, 0x20, 0, 0x0B, 0x0B], ValType.I32)
            .Type(I32, [ValType.I32, ValType.I32]).Load();
        AssertInvalid(new WasmBuilder().Func(None, [ValType.I32, ValType.I32], [0x02, 1, 0x20, 0, 0x0B, 0x0B], ValType.I32)
            .Type(I32, [ValType.I32, ValType.I32]), "type mismatch");
    }

    [TestMethod]
    public void AnIfWithoutElseMustPassItsParametersThrough()
    {
        Body(I32, None, 0x20, 0, 0x04, 0x40, 0x0B, 0x0B).Load();
        AssertInvalid(Body(I32, I32, 0x20, 0, 0x04, 0x7F, 0x41, 1, 0x0B, 0x0B), "type mismatch");
        Body(I32, I32, 0x20, 0, 0x04, 0x7F, 0x41, 1, 0x05, 0x41, 2, 0x0B, 0x0B).Load();
    }

    [TestMethod]
    public void BrTableTargetsMustAgreeInArity()
    {
        Body(I32, None, 0x02, 0x40, 0x20, 0, 0x0E, 1, 0, 1, 0x0B, 0x0B).Load();
        AssertInvalid(Body(I32, None, 0x02, 0x7F, 0x20, 0, 0x0E, 1, 0, 1, 0x0B, 0x1A, 0x0B), "type mismatch");
    }

    [TestMethod]
    public void SelectNeedsEqualNumericTypesOrAnExplicitType()
    {
        Body(None, I32, 0x41, 1, 0x41, 2, 0x41, 0, 0x1B, 0x0B).Load();
        AssertInvalid(Body(None, I32, 0x41, 1, 0x42, 2, 0x41, 0, 0x1B, 0x0B), "type mismatch");
        AssertInvalid(Body(None, None, 0xD0, 0x70, 0xD0, 0x70, 0x41, 0, 0x1B, 0x1A, 0x0B), "type mismatch");
        Body(None, None, 0xD0, 0x70, 0xD0, 0x70, 0x41, 0, 0x1C, 1, 0x70, 0x1A, 0x0B).Load();
        AssertInvalid(Body(None, None, 0x41, 0, 0x41, 0, 0x41, 0, 0x1C, 2, 0x7F, 0x7F, 0x1A, 0x0B), "invalid result arity");
    }

    [TestMethod]
    public void GlobalsMustBeMutableToBeSetAndConstantToInitialize()
    {
        byte[] immutable = Vec([[0x7F, 0, 0x41, 5, 0x0B]]);
        AssertInvalid(Body(None, None, 0x41, 1, 0x24, 0, 0x0B).Section(6, immutable), "global is immutable");
        Body(None, None, 0x41, 1, 0x24, 0, 0x0B).Section(6, Vec([[0x7F, 1, 0x41, 5, 0x0B]])).Load();
        // Extended constant expressions: i32.add of constants.
        new WasmBuilder().Section(6, Vec([[0x7F, 0, 0x41, 5, 0x41, 6, 0x6A, 0x0B]])).Load();
        AssertInvalid(new WasmBuilder().Section(6, Vec([[0x7F, 0, 0x41, 5, 0x41, 6, 0x6D, 0x0B]])), "constant expression required");
        AssertInvalid(new WasmBuilder().Section(6, Vec([[0x7F, 0, 0x42, 5, 0x0B]])), "type mismatch");
        AssertInvalid(new WasmBuilder().Section(6, Vec([[0x7F, 0, 0x41, 5, 0x0B], [0x7F, 0, 0x23, 0, 0x0B]])), "unknown global");
    }

    [TestMethod]
    public void MemoryAccessesNeedAMemoryAndNaturalAlignment()
    {
        Body(I32, I32, 0x20, 0, 0x28, 2, 0, 0x0B).Memory(1).Load();
        AssertInvalid(Body(I32, I32, 0x20, 0, 0x28, 3, 0, 0x0B).Memory(1), "alignment must not be larger than natural");
        AssertInvalid(Body(I32, I32, 0x20, 0, 0x28, 2, 0, 0x0B), "unknown memory");
        AssertInvalid(Body(None, I32, 0x3F, 0, 0x0B), "unknown memory");
    }

    [TestMethod]
    public void MemoryLimits()
    {
        new WasmBuilder().Memory(1, 65536).Load();
        AssertInvalid(new WasmBuilder().Memory(65537), "memory size must be at most 65536 pages (4GiB)");
        AssertInvalid(new WasmBuilder().Memory(2, 1), "size minimum must not be greater than maximum");
        AssertInvalid(new WasmBuilder().Section(5, Vec([Limits(1, null), Limits(1, null)])), "multiple memories");
        AssertInvalid(new WasmBuilder().Table(ValType.FuncRef, 3, 2), "size minimum must not be greater than maximum");
    }

    [TestMethod]
    public void ReferencesAndTables()
    {
        var tables = Vec([[0x70, 0, 1], [0x6F, 0, 1]]);
        // table.get/set/size/grow/fill on two tables of different types.
        Body(None, None, 0x41, 0, 0x25, 1, 0x41, 0, 0x25, 0, 0x1A, 0x1A, 0xFC, 16, 1, 0x1A,
                0xD0, 0x6F, 0x41, 1, 0xFC, 15, 1, 0x1A, 0x41, 0, 0xD0, 0x70, 0x41, 1, 0xFC, 17, 0, 0x0B)
            .Section(4, tables).Load();
        AssertInvalid(Body(None, None, 0x41, 0, 0xD0, 0x70, 0x26, 1, 0x0B).Section(4, tables), "type mismatch");
        AssertInvalid(Body(None, None, 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 14, 0, 1, 0x0B).Section(4, tables), "type mismatch");
        AssertInvalid(Body(None, None, 0x41, 0, 0x11, 0, 1, 0x0B).Section(4, tables), "type mismatch");
        AssertInvalid(Body(None, I32, 0x41, 0, 0xD1, 0x0B), "type mismatch");
    }

    [TestMethod]
    public void RefFuncNeedsADeclaration()
    {
        AssertInvalid(Body(None, None, 0xD2, 0, 0x1A, 0x0B), "undeclared function reference");
        Body(None, None, 0xD2, 0, 0x1A, 0x0B).Section(9, Vec([[3, 0, 1, 0]])).Load();
        Body(None, None, 0xD2, 0, 0x1A, 0x0B).Section(7, Vec([[.. Name("f"), 0, 0]])).Load();
    }

    [TestMethod]
    public void BulkMemoryAndSegmentIndices()
    {
        byte[] passive = Vec([[1, 1, 0xCC]]);
        Body(None, None, 0x41, 0, 0x41, 0, 0x41, 1, 0xFC, 8, 0, 0, 0xFC, 9, 0, 0x0B).Memory(1).Section(12, 1).Section(11, passive).Load();
        AssertInvalid(Body(None, None, 0xFC, 9, 1, 0x0B).Memory(1).Section(12, 1).Section(11, passive), "unknown data segment");
        AssertInvalid(Body(None, None, 0xFC, 9, 0, 0x0B), "unknown data segment");
        AssertInvalid(Body(None, None, 0xFC, 13, 0, 0x0B), "unknown elem segment");
        AssertInvalid(Body(None, None, 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 10, 0, 0, 0x0B), "unknown memory");
    }

    [TestMethod]
    public void ExportsAndStart()
    {
        AssertInvalid(Body(None, None, 0x0B).Section(7, Vec([[.. Name("f"), 0, 0], [.. Name("f"), 0, 0]])), "duplicate export name");
        AssertInvalid(Body(None, None, 0x0B).Section(7, Vec([[.. Name("m"), 2, 0]])), "unknown memory");
        Body(None, None, 0x0B).Section(8, 0).Load();
        AssertInvalid(Body(I32, None, 0x0B).Section(8, 0), "start function");
        AssertInvalid(Body(None, None, 0x0B).Section(8, 1), "unknown function");
    }

    [TestMethod]
    public void ActiveSegmentsNeedTheirTableOrMemoryAndAnI32Offset()
    {
        AssertInvalid(new WasmBuilder().Section(11, Vec([[0, 0x41, 0, 0x0B, 0]])), "unknown memory");
        AssertInvalid(new WasmBuilder().Memory(1).Section(11, Vec([[0, 0x42, 0, 0x0B, 0]])), "type mismatch");
        AssertInvalid(new WasmBuilder().Section(9, Vec([[0, 0x41, 0, 0x0B, 0]])), "unknown table");
        AssertInvalid(new WasmBuilder().Table(ValType.ExternRef, 1).Section(9, Vec([[4, 0x41, 0, 0x0B, 0]])), "type mismatch");
    }
}
