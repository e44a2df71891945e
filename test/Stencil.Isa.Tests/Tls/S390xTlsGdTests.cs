using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;
using Stencil.Isa.S390x;
using Stencil.Isa.Tests.S390x;

namespace Stencil.Isa.Tests.Tls;

/// <summary><c>tls_value</c> under <c>tls_model=elf_gd</c> on s390x: Cranelift's <c>isa/s390x/tls_elf.clif</c> (whose
/// bytes ../shared/reference/s390x-tls/tls/cl-s390x.s reproduces), byte for byte and relocation for relocation.</summary>
[TestClass]
public sealed class S390xTlsGdTests
{
    // Cranelift's listing, one instruction per line.
    private const string Expected =
        "EBCFF0600024" +        // stmg %r12, %r15, 96(%r15)
        "A7FBFF60" +            // aghi %r15, -160
        "C0C000000000" +        // larl %r12, _GLOBAL_OFFSET_TABLE_
        "A7150006" +            // bras %r1, .+12
        "0000000000000000" +    // the literal: u1:0@TLSGD
        "E32010000004" +        // lg %r2, 0(%r1)
        "C0E500000000" +        // brasl %r14, __tls_get_offset
        "B24F0030" +            // ear %r3, %a0
        "EB330020000D" +        // sllg %r3, %r3, 32
        "B24F0031" +            // ear %r3, %a1
        "B9080023" +            // agr %r2, %r3
        "EBCFF1000004" +        // lmg %r12, %r15, 256(%r15)
        "07FE";                 // br %r14

    private static CompiledFunction Compile(string clif) =>
        S390xCompile.Isa(["tls_model=elf_gd"]).Compile(Stencil.Ir.Text.ClifReader.ParseFunction(clif).Stencil);

    [TestMethod]
    public void CompilesToCraneliftsBytesAndRelocations()
    {
        var code = Compile(TlsClif.TlsElf);
        Assert.AreEqual(Expected, Convert.ToHexString(code.Code), string.Join("\n", S390xCompile.Listing(code)));
        var relocs = code.Relocs.Select(r => (r.Offset, r.Kind, r.Target.Kind, r.Addend)).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            (0x0Cu, Reloc.S390xPCRel32Dbl, ExternalNameKind.KnownSymbol, 2L),
            (0x14u, Reloc.S390xTlsGd64, ExternalNameKind.User, 0L),
            (0x24u, Reloc.S390xPltRel32Dbl, ExternalNameKind.LibCall, 2L),
            (0x22u, Reloc.S390xTlsGdCall, ExternalNameKind.User, 0L),   // after the PLT32DBL, as BFD ld's relaxation needs
        }, relocs);
        Assert.AreEqual(ExternalName.FromKnownSymbol(KnownSymbol.ElfGlobalOffsetTable), code.Relocs[0].Target);
        Assert.AreEqual(ExternalName.FromLibCall(LibCall.ElfTlsGetOffset), code.Relocs[2].Target);
        Assert.AreEqual(code.Relocs[1].Target, code.Relocs[3].Target);
    }

    [TestMethod]
    public void TheSequenceIsWhatTheEncoderWritesForCraneliftsInstructions()
    {
        // The same instructions through the encoder alone, so the listing above is the s390x instruction set's, not a copy.
        var buffer = new MachBuffer(Endianness.Big);
        void E(string mnemonic, params S390xOperand[] operands) => S390xEncoder.Emit(buffer, new S390xInst(S390xOpcodes.Get(mnemonic), operands));
        S390xOperand R(int n) => S390xOperand.Reg(n);
        E("stmg", R(12), R(15), S390xOperand.Mem(96, 0, 15));
        E("aghi", R(15), S390xOperand.Imm(-160));
        E("larl", R(12), S390xOperand.Offset(0));
        E("bras", R(1), S390xOperand.Offset(12));
        buffer.Put8(0);
        E("lg", R(2), S390xOperand.Mem(0, 0, 1));
        E("brasl", R(14), S390xOperand.Offset(0));
        E("ear", R(3), R(0));
        E("sllg", R(3), R(3), S390xOperand.Mem(32, 0, 0));
        E("ear", R(3), R(1));
        E("agr", R(2), R(3));
        E("lmg", R(12), R(15), S390xOperand.Mem(256, 0, 15));
        E("br", R(14));
        Assert.AreEqual(Expected, Convert.ToHexString(buffer.Data));
    }

    [TestMethod]
    public void AValueLiveAcrossTheCallSurvivesAndAnOffsetIsAdded()
    {
        var code = Compile("""
            function %plus(i64) -> i64 {
                gv0 = symbol tls %a+16

            block0(v0: i64):
                v1 = tls_value.i64 gv0
                v2 = iadd v1, v0
                return v2
            }
            """);
        var listing = string.Join("\n", S390xCompile.Listing(code));
        Assert.AreEqual(4, code.Relocs.Count, listing);
        // v0 arrives in r2, which the call overwrites: it must be kept in a register the call leaves alone.
        var hex = Convert.ToHexString(code.Code);
        StringAssert.Contains(hex, "C0E500000000", listing);
        StringAssert.Contains(listing, "%a0", listing);
    }

    [TestMethod]
    public void WithoutTheSettingTlsValueIsRefusedWithADiagnostic()
    {
        var e = Assert.ThrowsExactly<DiagnosticException>(() => S390xCompile.Compile(TlsClif.TlsElf));
        Assert.AreEqual(IsaDiagnostics.UnsupportedOpcode, e.Diagnostic.Code);
        StringAssert.Contains(e.Diagnostic.Message, "tls_model=elf_gd");
    }
}
