using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary><c>tls_value</c> under <c>tls_model=elf_gd</c>: the general-dynamic access, a call to <c>__tls_get_addr</c>.</summary>
internal sealed partial class X64Lowering
{
    private void LowerTlsValue(Inst inst)
    {
        var d = _dfg[inst];
        if (d.GlobalValue.Index >= _func.GlobalValues.Count) throw IsaDiagnostics.Malformed($"{d.GlobalValue} does not exist");
        var data = _func.GlobalValues[(int)d.GlobalValue.Index];
        if (data.Kind != GlobalValueKind.Symbol || !data.Tls)
            throw IsaDiagnostics.Malformed($"`tls_value` of {d.GlobalValue}, which is not a `symbol tls` global value");
        if (_flags.TlsModel != TlsModel.ElfGd)
            throw IsaDiagnostics.OpcodeNeedsSetting(IsaName, Opcode.TlsValue, "tls_model=elf_gd");
        // The unit is a call: it clobbers what any call does and leaves the address in rax.
        Emit(MInst.ElfTlsGetAddr(data.Name));
        var dst = Result(inst);
        Emit(MInst.Mov(dst, X64Regs.Rax));
        // The linker's tls_index names the symbol itself; an offset into the variable is added to the address.
        AddConst(dst, data.Offset);
    }
}
