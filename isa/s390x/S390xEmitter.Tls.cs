using Stencil.Ir.Names;
using Stencil.Isa.Backend;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xEmitter
{
    /// <summary>
    /// Cranelift's sequence (its <c>LoadSymbolReloc</c> and <c>ElfTlsGetOffset</c>), which the linker relaxes piece by
    /// piece: the literal becomes a thread-pointer offset or a GOT offset, the <c>brasl</c> a nop or a load through r12.
    /// So r12 must hold the GOT (glibc's <c>__tls_get_offset</c> adds it too), and the call's PLT32DBL must precede its
    /// TLS_GDCALL marker (<see cref="RelocOrder"/> keeps a marker behind the relocation added before it).
    /// </summary>
    private void EmitElfTlsGetOffset(ExternalName symbol)
    {
        // Relative fields count halfwords from the instruction; the field is 2 bytes in, hence the addend 2.
        uint larl = Buffer.CurOffset;
        E("larl", R(S390xRegs.GotPointer), S390xOperand.Offset(0));
        Buffer.AddReloc(larl + 2, Reloc.S390xPCRel32Dbl, ExternalName.FromKnownSymbol(KnownSymbol.ElfGlobalOffsetTable), 2);
        E("bras", R(S390xRegs.SpillTemp), S390xOperand.Offset(12));
        Buffer.Put8(0);
        Buffer.AddReloc(Buffer.CurOffset - 8, Reloc.S390xTlsGd64, symbol, 0);
        E("lg", R(S390xRegs.IntRets[0]), S390xOperand.Mem(0, 0, S390xRegs.SpillTemp.HwEnc));
        uint brasl = Buffer.CurOffset;
        E("brasl", R(S390xRegs.ReturnAddress), S390xOperand.Offset(0));
        Buffer.AddReloc(brasl + 2, Reloc.S390xPltRel32Dbl, ExternalName.FromLibCall(LibCall.ElfTlsGetOffset), 2);
        Buffer.AddReloc(brasl, Reloc.S390xTlsGdCall, symbol, 0);
    }

    /// <summary>a0 holds the thread pointer's high half, a1 its low half; <c>ear</c> writes only bits 32-63, and the shift
    /// discards whatever the first left above them.</summary>
    private void EmitThreadPointer(Reg dst)
    {
        E("ear", R(dst), R(0));
        E("sllg", R(dst), R(dst), S390xOperand.Mem(32, 0, 0));
        E("ear", R(dst), R(1));
    }
}
