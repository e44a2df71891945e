using Stencil.Ir.Entities;
using static Stencil.Isa.S390x.MOperand;
using static Stencil.Isa.S390x.S390xMInst;

namespace Stencil.Isa.S390x;

/// <summary><c>tls_value</c> under <c>tls_model=elf_gd</c>, as Cranelift lowers it: <c>__tls_get_offset</c> gives the
/// variable's offset from the thread pointer, which is then added.</summary>
internal sealed partial class S390xLowering
{
    private void LowerTlsValue(Inst inst)
    {
        var data = ElfGdTlsSymbol(inst, _flags, IsaName);
        // A call: the callee may use the 160-byte register save area at the bottom of our frame.
        _makesCalls = true;
        Emit(ElfTlsGetOffset(data.Name));
        var dst = Result(inst);
        Emit(Move(dst, S390xRegs.IntRets[0]));
        var threadPointer = Temp();
        Emit(ThreadPointer(threadPointer));
        Emit(I("agr", Mod(dst), Use(threadPointer)));
        // The tls_index names the symbol itself; an offset into the variable is added to the address.
        if (data.Offset != 0) Emit(I("agr", Mod(dst), Use(Const(data.Offset))));
    }
}
