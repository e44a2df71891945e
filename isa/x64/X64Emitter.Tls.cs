using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.X64;

internal sealed partial class X64Emitter
{
    // The psABI's general-dynamic sequence, byte for byte: the linker recognises these exact 16 bytes and rewrites
    // both instructions together when it relaxes the access (to initial- or local-exec), so the prefixes that pad
    // them to that size are part of the contract, not decoration.
    private static ReadOnlySpan<byte> DataLeaRdiRip => [0x66, 0x48, 0x8D, 0x3D];        // data16 lea rdi, [rip+disp32]
    private static ReadOnlySpan<byte> DataDataRexCall => [0x66, 0x66, 0x48, 0xE8];      // data16 data16 rex.W call rel32

    /// <summary>Emits the general-dynamic access of <paramref name="symbol"/>: its <c>tls_index</c> address in rdi, then
    /// <c>__tls_get_addr</c>; relocations in gcc's order, TLSGD on the lea before PLT32 on the call.</summary>
    private void EmitElfTlsGetAddr(ExternalName symbol)
    {
        _buf.PutBytes(DataLeaRdiRip);
        _buf.Put4(0);
        _buf.AddReloc(_buf.CurOffset - 4, Reloc.X86TlsGd, symbol, -4);
        _buf.PutBytes(DataDataRexCall);
        _buf.Put4(0);
        _buf.AddReloc(_buf.CurOffset - 4, Reloc.X86CallPLTRel4, ExternalName.FromLibCall(LibCall.ElfTlsGetAddr), -4);
    }
}
