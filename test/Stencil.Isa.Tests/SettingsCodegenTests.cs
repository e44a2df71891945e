using Stencil.Ir.Diagnostics;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

/// <summary>Every setting IsaFlags accepts changes the code the way Cranelift's x64 backend does.</summary>
[TestClass]
public sealed unsafe class SettingsCodegenTests
{
    private const string Leaf = """
        function %leaf(i64, i64) -> i64 {
        block0(v0: i64, v1: i64):
            v2 = iadd v0, v1
            return v2
        }
        """;

    [TestMethod]
    public void PreserveFramePointersKeepsTheFrameOfALeafFunction()
    {
        // Cranelift's x64 backend sets up rbp in every function (its setup area is always 16 bytes), so the
        // flag has nothing to force: with or without it even a leaf function starts with push rbp; mov rbp, rsp.
        foreach (var setting in new[] { "preserve_frame_pointers=true", "preserve_frame_pointers=false" })
        {
            var code = ClifIsa.Compile(Leaf, setting).Code;
            CollectionAssert.AreEqual(new byte[] { 0x55, 0x48, 0x8B, 0xEC }, code[..4], setting);
        }
    }

    private const string Addresses = """
        function %addresses() -> i64 {
            gv0 = symbol colocated %near
            gv1 = symbol %far
            fn0 = colocated %nearf(i64) -> i64
            fn1 = %farf(i64) -> i64
        block0:
            v0 = symbol_value.i64 gv0
            v1 = symbol_value.i64 gv1
            v2 = func_addr.i64 fn0
            v3 = call fn0(v0)
            v4 = call fn1(v1)
            v5 = iadd v2, v3
            v6 = iadd v5, v4
            return v6
        }
        """;

    [TestMethod]
    public void IsPicReachesEverySymbolAddressThroughTheGotAndOutsideCallsToo()
    {
        var plain = ClifIsa.Compile(Addresses).Relocs.Select(r => r.Kind).ToArray();
        // Default: colocated addresses PC-relative, others via the GOT, every call through the PLT.
        CollectionAssert.AreEqual(new[] { Reloc.X86PCRel4, Reloc.X86GOTPCRel4, Reloc.X86PCRel4, Reloc.X86CallPLTRel4, Reloc.X86CallPLTRel4 }, plain);

        var pic = ClifIsa.Compile(Addresses, "is_pic");
        // is_pic: every symbol_value/func_addr is a GOT load (colocated too, as Cranelift's LoadExtName does),
        // and the call to the non-colocated function goes through its GOT entry.
        CollectionAssert.AreEqual(new[] { Reloc.X86GOTPCRel4, Reloc.X86GOTPCRel4, Reloc.X86GOTPCRel4, Reloc.X86CallPLTRel4, Reloc.X86GOTPCRel4 },
            pic.Relocs.Select(r => r.Kind).ToArray());
        StringAssert.Contains(ClifIsa.Disassemble(pic), "call    qword ptr [");
    }

    [TestMethod]
    public void IsPicCallsAndAddressesRun()
    {
        var isa = ClifIsa.With("is_pic");
        var callee = isa.Compile(Stencil.Ir.Text.ClifReader.ParseFunction("""
            function %callee(i64) -> i64 {
            block0(v0: i64):
                v1 = imul_imm v0, 3
                return v1
            }
            """).Stencil);
        var caller = isa.Compile(Stencil.Ir.Text.ClifReader.ParseFunction("""
            function %caller(i64) -> i64 {
                sig0 = (i64) -> i64
                fn0 = %callee sig0
            block0(v0: i64):
                v1 = call fn0(v0)
                v2 = func_addr.i64 fn0
                v3 = call_indirect sig0, v2(v1)
                return v3
            }
            """).Stencil);
        using var image = new JitImage(callee, caller);
        var f = (delegate* unmanaged<long, long>)image[1];
        Assert.AreEqual(63L, f(7));
    }

    private const string ThreeReturns = """
        function %three(i64) -> i64, i64, i64 {
        block0(v0: i64):
            v1 = iadd_imm v0, 1
            v2 = iadd_imm v0, 2
            return v0, v1, v2
        }
        """;

    [TestMethod]
    public void ThreeIntegerReturnsNeedLlvmAbiExtensionsWhichReturnTheThirdInRcx()
    {
        var e = Assert.ThrowsExactly<DiagnosticException>(() => ClifIsa.Compile(ThreeReturns));
        Assert.AreEqual(IsaDiagnostics.UnsupportedAbi, e.Diagnostic.Code);

        var isa = ClifIsa.With("enable_llvm_abi_extensions");
        var three = isa.Compile(Stencil.Ir.Text.ClifReader.ParseFunction(ThreeReturns).Stencil);
        StringAssert.Contains(ClifIsa.Disassemble(three), "rcx");
        var caller = isa.Compile(Stencil.Ir.Text.ClifReader.ParseFunction("""
            function %sum(i64) -> i64 {
                fn0 = %three(i64) -> i64, i64, i64
            block0(v0: i64):
                v1, v2, v3 = call fn0(v0)
                v4 = imul_imm v2, 10
                v5 = imul_imm v3, 100
                v6 = iadd v1, v4
                v7 = iadd v6, v5
                return v7
            }
            """).Stencil);
        using var image = new JitImage(three, caller);
        // 5 + 6*10 + 7*100: each return came back from its own register.
        Assert.AreEqual(765L, ((delegate* unmanaged<long, long>)image[1])(5));
    }

    private const string BigFrame = """
        function %big(i64) -> i64 {
            ss0 = explicit_slot 20000
        block0(v0: i64):
            stack_store v0, ss0
            v1 = stack_load.i64 ss0
            return v1
        }
        """;

    [TestMethod]
    public void ProbestackSizeLog2DecidesWhichFramesAreProbedAndTheStep()
    {
        // A 20000-byte frame: probed with the default 4 KiB guard, not with a 64 KiB one.
        Assert.AreEqual(1, ClifIsa.Compile(BigFrame, "enable_probestack").Relocs.Count);
        Assert.AreEqual(0, ClifIsa.Compile(BigFrame, "enable_probestack", "probestack_size_log2=16").Relocs.Count);
        // Inline probes step by the guard size: 8 KiB steps, unrolled twice.
        var inline = ClifIsa.Compile(BigFrame, "enable_probestack probestack_strategy=inline probestack_size_log2=13");
        var text = ClifIsa.Disassemble(inline);
        Assert.AreEqual(2, text.Split("sub     rsp,2000h").Length - 1, text);
        using var image = new JitImage(inline);
        Assert.AreEqual(77L, ((delegate* unmanaged<long, long>)image[0])(77));
    }
}
