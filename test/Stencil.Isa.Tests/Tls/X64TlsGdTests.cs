using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests.Tls;

/// <summary><c>tls_value</c> under <c>tls_model=elf_gd</c> on x86-64: Cranelift's <c>tls_elf.clif</c>, the
/// access byte for byte.</summary>
[TestClass]
public sealed class X64TlsGdTests
{
    // Cranelift's unit (emit_tests.rs: 66488D3D00000000666648E800000000), after Stencil's `push rbp; mov rbp, rsp`.
    private static readonly byte[] Unit =
    [
        0x66, 0x48, 0x8D, 0x3D, 0, 0, 0, 0,             // data16 lea rdi, [rip+u1:0@TLSGD]
        0x66, 0x66, 0x48, 0xE8, 0, 0, 0, 0,             // data16 data16 rex.W call __tls_get_addr@PLT
    ];

    [TestMethod]
    public void CompilesToCraneliftsBytesAndRelocationsInGccsOrder()
    {
        var code = ClifIsa.Compile(TlsClif.TlsElf, "tls_model=elf_gd");
        // The frame is Stencil's own (Cranelift writes `mov rbp, rsp` as 48 89 E5 and restores rsp before `pop rbp`);
        // the result is already in rax, so nothing follows the unit but the epilogue.
        Assert.AreEqual("55488BEC" + Convert.ToHexString(Unit) + "5DC3", Convert.ToHexString(code.Code));
        Assert.HasCount(2, code.Relocs);
        var lea = code.Relocs[0];
        Assert.AreEqual((8u, Reloc.X86TlsGd, ExternalNameKind.User, -4L), (lea.Offset, lea.Kind, lea.Target.Kind, lea.Addend));
        Assert.AreEqual(new MachReloc(16, Reloc.X86CallPLTRel4, ExternalName.FromLibCall(LibCall.ElfTlsGetAddr), -4), code.Relocs[1]);
    }

    [TestMethod]
    public void TheAccessIsACallThatLeavesTheAddressInRaxAndKeepsLiveValuesSafe()
    {
        // Two accesses and a value live across both: it must survive the clobbers, and each result moves out of rax.
        var code = ClifIsa.Compile("""
            function %two(i64) -> i64 {
                gv0 = symbol tls %a
                gv1 = symbol tls %b+8

            block0(v0: i64):
                v1 = tls_value.i64 gv0
                v2 = tls_value.i64 gv1
                v3 = iadd v1, v2
                v4 = iadd v3, v0
                return v4
            }
            """, "tls_model=elf_gd", "opt_level=speed");
        var text = ClifIsa.Disassemble(code);
        Assert.AreEqual(4, code.Relocs.Count(r => r.Kind is Reloc.X86TlsGd or Reloc.X86CallPLTRel4), text);
        StringAssert.Contains(text, "add     rax,8", "the offset of gv1 is added to the address");
        var hex = Convert.ToHexString(code.Code);
        Assert.AreEqual(2, CountOf(hex, "66488D3D00000000666648E800000000"), text);
    }

    [TestMethod]
    public void WithoutTheSettingTlsValueIsRefusedWithADiagnostic()
    {
        var e = Assert.ThrowsExactly<DiagnosticException>(() => ClifIsa.Compile(TlsClif.TlsElf));
        Assert.AreEqual(IsaDiagnostics.UnsupportedOpcode, e.Diagnostic.Code);
        StringAssert.Contains(e.Diagnostic.Message, "tls_model=elf_gd");
    }

    [TestMethod]
    public void TlsValueOfAnOrdinarySymbolIsMalformed()
    {
        var e = Assert.ThrowsExactly<DiagnosticException>(() => ClifIsa.Compile(TlsClif.TlsElf.Replace("colocated tls", "colocated"), "tls_model=elf_gd"));
        Assert.AreEqual(IsaDiagnostics.MalformedFunction, e.Diagnostic.Code);
    }

    private static int CountOf(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
