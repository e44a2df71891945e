using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Backend;

/// <summary>What every backend checks before it lowers <c>tls_value</c> to its ELF general-dynamic sequence.</summary>
public abstract partial class MachLowering<TInst>
{
    /// <summary>The <c>symbol tls</c> global value <paramref name="inst"/> (a <c>tls_value</c>) reads; STN3005 when it is
    /// anything else, STN3001 naming the setting when <paramref name="flags"/> do not ask for <c>tls_model=elf_gd</c>.</summary>
    protected GlobalValueData ElfGdTlsSymbol(Inst inst, IsaFlags flags, string isaName)
    {
        var gv = Dfg[inst].GlobalValue;
        if (gv.Index >= Function.GlobalValues.Count) throw IsaDiagnostics.Malformed($"{gv} does not exist");
        var data = Function.GlobalValues[(int)gv.Index];
        if (data.Kind != GlobalValueKind.Symbol || !data.Tls)
            throw IsaDiagnostics.Malformed($"`tls_value` of {gv}, which is not a `symbol tls` global value");
        if (flags.TlsModel != TlsModel.ElfGd) throw IsaDiagnostics.OpcodeNeedsSetting(isaName, Opcode.TlsValue, "tls_model=elf_gd");
        return data;
    }
}
