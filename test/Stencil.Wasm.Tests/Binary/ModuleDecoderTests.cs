using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Binary;
using Stencil.Wasm.Diagnostics;
using Stencil.Wasm.Module;
using static Stencil.Wasm.Tests.WasmBuilder;

namespace Stencil.Wasm.Tests.Binary;

[TestClass]
public sealed class ModuleDecoderTests
{
    private static Diagnostic Reject(byte[] bytes)
    {
        try
        {
            WasmLoader.Load(bytes, "m.wasm");
        }
        catch (DiagnosticException e)
        {
            return e.Diagnostic;
        }
        Assert.Fail("the module was accepted");
        return null!;
    }

    private static void AssertMalformed(byte[] bytes, string text)
    {
        var d = Reject(bytes);
        Assert.AreEqual(WasmDiagnosticCodes.Malformed, d.Code, d.ToString());
        StringAssert.StartsWith(d.Message, text, d.ToString());
    }

    [TestMethod]
    public void TheDiagnosticNamesTheFileCodeAndOffset()
    {
        Assert.AreEqual("m.wasm: error STN5001: magic header not detected at offset 0x0", Reject([0x00, 0x61, 0x73, 0x6E, 1, 0, 0, 0]).ToString());
        Assert.AreEqual("m.wasm: error STN5001: unknown binary version at offset 0x4", Reject([0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0]).ToString());
        AssertMalformed([0x00, 0x61, 0x73], "magic header not detected");
        AssertMalformed([0x00, 0x61, 0x73, 0x6D, 1, 0], "unexpected end");
    }

    [TestMethod]
    public void AnEmptyModuleDecodes()
    {
        var module = WasmLoader.Load(Header, "m.wasm");
        Assert.AreEqual(0, module.FunctionCount);
    }

    [TestMethod]
    public void SectionsMustComeInOrderAndFillTheirSize()
    {
        AssertMalformed([.. Header, 3, 1, 0, 1, 1, 0], "unexpected content after last section");
        AssertMalformed([.. Header, 1, 2, 0, 0], "section size mismatch");
        AssertMalformed([.. Header, 1, 5, 0], "length out of bounds");
        AssertMalformed([.. Header, 14, 0], "malformed section id");
        AssertMalformed([.. Header, 1, 1, 1], "unexpected end");
    }

    [TestMethod]
    public void CustomSectionsAreRecordedAnywhere()
    {
        var module = WasmLoader.Load([.. Header, 0, 4, .. Name("abc"), 5, 3, 1, 0, 1, 0, 2, .. Name("x")], "m.wasm");
        CollectionAssert.AreEqual(new[] { "abc", "x" }, module.CustomSections.Select(c => c.Name).ToArray());
        Assert.AreEqual(1, module.MemoryCount);
    }

    [TestMethod]
    public void TheNameSectionNamesFunctionsAndADamagedOneIsIgnored()
    {
        byte[] moduleName = Name("mod");
        byte[] functionNames = Vec([[0, .. Name("main")]]);
        byte[] names = [.. Name("name"), 0, (byte)moduleName.Length, .. moduleName, 1, (byte)functionNames.Length, .. functionNames];
        var module = new WasmBuilder().Func(None, None, [0x0B]).Section(0, names).Load();
        Assert.AreEqual("mod", module.ModuleName);
        Assert.AreEqual("main", module.FunctionNames[0]);
        var damaged = new WasmBuilder().Func(None, None, [0x0B]).Section(0, [.. Name("name"), 1, 9, 1, 0, 0x7F]).Load();
        Assert.IsEmpty(damaged.FunctionNames);
    }

    [TestMethod]
    public void ImportsOfEveryKindFillTheirIndexSpaces()
    {
        byte[] imports = Vec([
            [.. Name("env"), .. Name("f"), 0, 0],
            [.. Name("env"), .. Name("t"), 1, 0x70, 0, 1],
            [.. Name("env"), .. Name("m"), 2, 1, 1, 2],
            [.. Name("env"), .. Name("g"), 3, 0x7E, 1],
        ]);
        var module = new WasmBuilder().Type(None, None).Section(2, imports).Load();
        Assert.AreEqual(1, module.FunctionCount);
        Assert.AreEqual(new Limits(1, null), module.TableTypeOf(0).Limits);
        Assert.AreEqual(new Limits(1, 2), module.ImportedMemories[0].Limits);
        Assert.AreEqual(new GlobalType(ValType.I64, true), module.GlobalTypeOf(0));
        AssertMalformed(new WasmBuilder().Section(2, Vec([[.. Name("e"), .. Name("g"), 3, 0x7F, 2]])).Build(), "malformed mutability");
        AssertMalformed(new WasmBuilder().Section(2, Vec([[.. Name("e"), .. Name("x"), 7, 0]])).Build(), "malformed import kind");
    }

    [TestMethod]
    public void FunctionAndCodeSectionsMustAgree()
    {
        AssertMalformed(new WasmBuilder().Type(None, None).Section(3, Vec([[0]])).Build(), "function and code section have inconsistent lengths");
        AssertMalformed([.. Header, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, 1, 0], "function and code section have inconsistent lengths");
    }

    [TestMethod]
    public void BodiesEndWithEndAndFillTheirSize()
    {
        AssertMalformed(new WasmBuilder().Func(None, None, [0x01]).Build(), "END opcode expected");
        AssertMalformed(new WasmBuilder().Func(None, None, [0x0B, 0x01]).Build(), "section size mismatch");
        AssertMalformed(new WasmBuilder().Func(None, None, [0xFF, 0x0B]).Build(), "illegal opcode");
    }

    [TestMethod]
    public void LocalsAreExpandedAndBounded()
    {
        var module = new WasmBuilder().Func(I32, None, [0x0B], ValType.I64, ValType.F32).Load();
        CollectionAssert.AreEqual(new[] { ValType.I64, ValType.F32 }, module.Bodies[0].ExpandLocals());
        // One group of 100,000 locals: over our limit, far under the spec's.
        byte[] body = [1, .. U32(100_000), 0x7F, 0x0B];
        byte[] hostile = [.. Header, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, (byte)(body.Length + 2), 1, (byte)body.Length, .. body];
        Assert.AreEqual(WasmDiagnosticCodes.LimitExceeded, Reject(hostile).Code);
    }

    [TestMethod]
    public void ElementSegmentsOfEveryFlagDecode()
    {
        byte[] offset = [0x41, 0, 0x0B];
        byte[] refFunc0 = [0xD2, 0, 0x0B];
        var module = new WasmBuilder()
            .Func(None, None, [0x0B])
            .Table(ValType.FuncRef, 4)
            .Section(9, Vec([
                [0, .. offset, 1, 0],
                [1, 0, 1, 0],
                [2, 0, .. offset, 0, 1, 0],
                [3, 0, 1, 0],
                [4, .. offset, 1, .. refFunc0],
                [5, 0x70, 1, 0xD0, 0x70, 0x0B],
                [6, 0, .. offset, 0x70, 1, .. refFunc0],
                [7, 0x70, 1, .. refFunc0],
            ])).Load();
        CollectionAssert.AreEqual(
            new[] { SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative, SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative },
            module.Elements.Select(e => e.Mode).ToArray());
        Assert.AreEqual(1, module.Elements[5].Count);
    }

    [TestMethod]
    public void DataSegmentsAndTheDataCount()
    {
        byte[] data = Vec([[0, 0x41, 8, 0x0B, 2, 0xAA, 0xBB], [1, 1, 0xCC]]);
        var module = new WasmBuilder().Memory(1).Section(12, 2).Section(11, data).Load();
        Assert.AreEqual(2, module.Data.Count);
        CollectionAssert.AreEqual(new byte[] { 0xAA, 0xBB }, module.Data[0].Bytes.ToArray());
        Assert.AreEqual(SegmentMode.Passive, module.Data[1].Mode);
        AssertMalformed(new WasmBuilder().Memory(1).Section(12, 3).Section(11, data).Build(), "data count and data section have inconsistent lengths");
        var useWithoutCount = new WasmBuilder().Memory(1).Func(None, None, [0xFC, 9, 0, 0x0B]).Section(11, data).Build();
        AssertMalformed(useWithoutCount, "data count section required");
    }

    [TestMethod]
    public void RefusedProposalsNameTheFeatureAndOffset()
    {
        var simd = Reject(new WasmBuilder().Func(None, None, [0xFD, 0x0C, 0x0B]).Build());
        Assert.AreEqual(WasmDiagnosticCodes.Unsupported, simd.Code);
        StringAssert.Contains(simd.Message, "SIMD");
        StringAssert.EndsWith(simd.Message, "at offset 0x17");
        foreach (var (code, feature) in new[] { ((byte)0xFE, "threads"), ((byte)0x12, "tail calls"), ((byte)0x08, "exception"), ((byte)0xFB, "garbage collection") })
        {
            var d = Reject(new WasmBuilder().Func(None, None, [code, 0, 0x0B]).Build());
            Assert.AreEqual(WasmDiagnosticCodes.Unsupported, d.Code, d.ToString());
            StringAssert.Contains(d.Message, feature);
        }
        Assert.AreEqual(WasmDiagnosticCodes.Unsupported, Reject(new WasmBuilder().Section(5, 1, 4, 1).Build()).Code, "memory64 limits");
        Assert.AreEqual(WasmDiagnosticCodes.Unsupported, Reject(new WasmBuilder().Section(5, 1, 3, 1, 2).Build()).Code, "shared memory");
        var multiMemory = Reject(new WasmBuilder().Memory(1).Func(I32, I32, [0x20, 0, 0x28, 0x42, 0, 0, 0x0B]).Build());
        Assert.AreEqual(WasmDiagnosticCodes.Unsupported, multiMemory.Code);
        StringAssert.Contains(multiMemory.Message, "multi-memory");
    }

    [TestMethod]
    public void CallIndirectAcceptsAnOverlongTableIndex()
    {
        // LLVM 19 writes call_indirect's table index 0 as a five-byte LEB.
        var module = new WasmBuilder().Table(ValType.FuncRef, 1)
            .Func(None, None, [0x41, 0, 0x11, 0, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B]).Load();
        Assert.AreEqual(0, module.Bodies[0].Instructions().ElementAt(1).B);
    }

    [TestMethod]
    public void ADeclaredHugeCountWithFewBytesIsMalformedNotAnAllocation()
    {
        AssertMalformed([.. Header, 1, 4, .. U32(999_999), 0x60], "unexpected end");
        var limit = Reject([.. Header, 1, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
        Assert.AreEqual(WasmDiagnosticCodes.LimitExceeded, limit.Code);
    }

    [TestMethod]
    public void ReaderOffsetsAreAbsolute()
    {
        var reader = new WasmReader([1, 2, 3, 0x80], "x.wasm");
        reader.ReadByte();
        var slice = reader.Slice(3);
        slice.ReadBytes(2);
        var e = Assert.ThrowsExactly<DiagnosticException>(() => slice.ReadU32());
        StringAssert.EndsWith(e.Diagnostic.Message, "at offset 0x4");
    }
}
