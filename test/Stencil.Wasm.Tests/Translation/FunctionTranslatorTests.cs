using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;
using Stencil.Wasm.Translation;

namespace Stencil.Wasm.Tests.Translation;

/// <summary>What the translator makes of small hand-built modules, checked on the printed IR (what
/// <c>stencil wasm2clif</c> shows); every function must also pass the IR verifier.</summary>
[TestClass]
public sealed class FunctionTranslatorTests
{
    private static readonly ValType[] II = [ValType.I32, ValType.I32];

    private static string[] Translate(WasmBuilder builder)
    {
        var module = ModuleTranslator.Translate(builder.Load(), "t");
        foreach (var f in module.Functions)
        {
            var errors = Verifier.Verify(f.Function).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.IsEmpty(errors, $"{f.Symbol}: {string.Join("; ", errors.Select(e => e.Message))}\n{ClifWriter.Write(f.Function)}");
        }
        return module.Functions.Select(f => ClifWriter.Write(f.Function)).ToArray();
    }

    [TestMethod]
    public void AFunctionTakesTheVmctxFirstAndChecksTheStackLimit()
    {
        var clif = Translate(new WasmBuilder().Func(II, WasmBuilder.I32, [0x20, 0, 0x20, 1, 0x6A, 0x0B]));
        ClifPatterns.Check(clif[0],
            "function %w2n_t__f0(i64 vmctx, i32, i32) -> i32 system_v {",
            "block0($v: i64, $v: i32, $v: i32):",
            "$v = get_stack_pointer.i64",
            $"$v = load.i64 notrap aligned v0+{VmOffsets.Store}",
            "$v = icmp ult $v, $v",
            "$v = iadd $v, $v",
            "return $v",
            $"$v = iconst.i32 {(int)WasmTrapKind.CallStackExhausted}",
            $"$v = load.i64 notrap aligned v0+{VmOffsets.Builtins}",
            "call_indirect",
            "trap unreachable");
        ClifPatterns.Check(clif[1], "function %w2n_t__array0(i64, i64, i64) system_v {", "load.i32 notrap aligned v2", "load.i32 notrap aligned v2+8",
            "call_indirect", "store notrap aligned $v, v2");
    }

    [TestMethod]
    public void DivisionTestsZeroAndOverflowBeforeDividing()
    {
        var clif = Translate(new WasmBuilder().Func(II, WasmBuilder.I32, [0x20, 0, 0x20, 1, 0x6D, 0x0B]))[0];
        ClifPatterns.Check(clif,
            "$v = icmp_imm eq v2, 0",
            "brif $v, $b, $b",
            "$v = icmp_imm eq v1, 0xffff_ffff_8000_0000",
            "$v = icmp_imm eq v2, -1",
            "$v = band $v, $v",
            "brif $v, $b, $b",
            "$v = sdiv v1, v2",
            $"$v = iconst.i32 {(int)WasmTrapKind.IntegerDivideByZero}",
            $"$v = iconst.i32 {(int)WasmTrapKind.IntegerOverflow}");
    }

    [TestMethod]
    public void MemoryAccessesCheckBoundsAgainstTheLengthInTheVmctx()
    {
        // i32.load offset=8 of the first parameter.
        var clif = Translate(new WasmBuilder().Memory(1).Func(WasmBuilder.I32, WasmBuilder.I32, [0x20, 0, 0x28, 2, 8, 0x0B]))[0];
        ClifPatterns.Check(clif,
            "$v = uextend.i64 v1",
            $"$v = load.i64 notrap aligned v0+{VmOffsets.MemoryLength}",
            "$v = iadd_imm $v, 12",
            "$v = icmp ugt $v, $v",
            "brif",
            $"$v = load.i64 notrap aligned v0",
            "$v = iadd $v, $v",
            "$v = load.i32 notrap little $v+8",
            $"$v = iconst.i32 {(int)WasmTrapKind.MemoryOutOfBounds}");
    }

    [TestMethod]
    public void TruncationTrapsOnNaNThenOnRange()
    {
        // i32.trunc_f64_s.
        var clif = Translate(new WasmBuilder().Func([ValType.F64], WasmBuilder.I32, [0x20, 0, 0xAA, 0x0B]))[0];
        ClifPatterns.Check(clif,
            "$v = fcmp uno v1, v1",
            "brif",
            "$v = f64const -0x1.0000000200000p31",
            "$v = fcmp le v1, $v",
            "$v = f64const 0x1.0000000000000p31",
            "$v = fcmp ge v1, $v",
            "$v = bor $v, $v",
            "brif",
            "$v = fcvt_to_sint_sat.i32 v1",
            $"$v = iconst.i32 {(int)WasmTrapKind.InvalidConversionToInteger}",
            $"$v = iconst.i32 {(int)WasmTrapKind.IntegerOverflow}");
    }

    [TestMethod]
    public void CallIndirectChecksBoundsNullAndType()
    {
        var builder = new WasmBuilder().Table(ValType.FuncRef, 2)
            .Func(WasmBuilder.I32, WasmBuilder.I32, [0x20, 0, 0x20, 0, 0x11, 0, 0, 0x0B]);
        var offsets = new VmOffsets(builder.Load());
        var clif = Translate(builder)[0];
        ClifPatterns.Check(clif,
            $"$v = load.i64 notrap aligned v0+{offsets.Table(0)}",
            $"$v = load.i32 notrap aligned $v+{VmTable.Length}",
            "$v = icmp uge v1, $v",
            "brif",
            "$v = ishl_imm $v, 3",
            "$v = icmp_imm eq $v, 0",
            "brif",
            $"$v = load.i32 notrap aligned $v+{VmFuncRef.TypeId}",
            $"$v = load.i32 notrap aligned v0+{offsets.TypeId(0)}",
            "$v = icmp ne $v, $v",
            "brif",
            $"$v = load.i64 notrap aligned $v+{VmFuncRef.Vmctx}",
            "call_indirect sig0, $v($v, v1)");
        foreach (var kind in new[] { WasmTrapKind.UndefinedElement, WasmTrapKind.UninitializedElement, WasmTrapKind.IndirectCallTypeMismatch })
            ClifPatterns.Check(clif, $"iconst.i32 {(int)kind}");
    }

    [TestMethod]
    public void CodeAfterAnUnconditionalBranchIsSkipped()
    {
        // block (result i32) local.get 0 br 0 i32.const 77 drop i32.const 1 block loop unreachable end end end
        var clif = Translate(new WasmBuilder().Func(WasmBuilder.I32, WasmBuilder.I32,
            [0x02, 0x7F, 0x20, 0, 0x0C, 0, 0x41, 77, 0x1A, 0x41, 1, 0x02, 0x40, 0x03, 0x40, 0x00, 0x0B, 0x0B, 0x0B, 0x0B]))[0];
        ClifPatterns.CheckNot(clif, "77");
        ClifPatterns.CheckNot(clif, $"iconst.i32 {(int)WasmTrapKind.Unreachable}\n");
        ClifPatterns.Check(clif, "jump $b(v1)", "return $v");
    }

    [TestMethod]
    public void AHostImportGetsATrampolineCallingHostCall()
    {
        var builder = new WasmBuilder().Type(II, WasmBuilder.I64)
            .Section(2, WasmBuilder.Vec([[.. WasmBuilder.Name("env"), .. WasmBuilder.Name("f"), 0x00, 0x00]]))
            .Func(WasmBuilder.I32, WasmBuilder.I64, [0x20, 0, 0x20, 0, 0x10, 0, 0x0B]);
        var offsets = new VmOffsets(builder.Load());
        var clif = Translate(builder);
        // The defined function calls the import through its slot.
        ClifPatterns.Check(clif[0], "function %w2n_t__f1(", $"$v = load.i64 notrap aligned v0+{offsets.ImportedFunction(0)}",
            $"$v = load.i64 notrap aligned v0+{offsets.ImportedFunction(0) + VmImport.Vmctx}", "call_indirect sig0, $v($v, v1, v1)");
        var host = clif.Single(c => c.Contains("%w2n_t__import0"));
        ClifPatterns.Check(host,
            "function %w2n_t__import0(i64 vmctx, i32, i32) -> i64 system_v {",
            "ss0 = explicit_slot 16",
            "stack_store v1, ss0",
            "stack_store v2, ss0+8",
            "$v = stack_addr.i64 ss0",
            $"$v = load.i64 notrap aligned $v+{8 * (int)WasmBuiltin.HostCall}",
            "brif",
            "$v = stack_load.i64 ss0",
            "return $v",
            $"$v = load.i64 notrap aligned v0+{VmOffsets.Builtins}",
            "call_indirect sig1, $v(v0, $v)",
            "trap unreachable");
    }

    [TestMethod]
    public void MultiValueBlocksPassValuesAsBlockParameters()
    {
        // (param i32 i32) (result i32): local.get 0 local.get 1 block (type 1: [i32 i32] -> [i32 i32]) end i32.sub
        var builder = new WasmBuilder().Func(II, WasmBuilder.I32, [0x20, 0, 0x20, 1, 0x02, 1, 0x0B, 0x6B, 0x0B]).Type(II, II);
        var clif = Translate(builder)[0];
        ClifPatterns.Check(clif, "jump $b(v1, v2)", "$b($v: i32, $v: i32):", "$v = isub $v, $v");
    }
}
