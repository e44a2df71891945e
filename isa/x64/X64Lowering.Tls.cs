using Stencil.Ir.Entities;

namespace Stencil.Isa.X64;

/// <summary><c>tls_value</c> under <c>tls_model=elf_gd</c>: the general-dynamic access, a call to <c>__tls_get_addr</c>.</summary>
internal sealed partial class X64Lowering
{
    private void LowerTlsValue(Inst inst)
    {
        var data = ElfGdTlsSymbol(inst, _flags, IsaName);
        // The unit is a call: it clobbers what any call does and leaves the address in rax.
        Emit(MInst.ElfTlsGetAddr(data.Name));
        var dst = Result(inst);
        Emit(MInst.Mov(dst, X64Regs.Rax));
        // The linker's tls_index names the symbol itself; an offset into the variable is added to the address.
        AddConst(dst, data.Offset);
    }
}
