using Stencil.Engine.Compilation;
using Stencil.Ir.Names;

namespace Stencil.Engine.Module;

/// <summary>Feeds finalized code (fresh or from the cache) into a module through the one definition path,
/// <see cref="IModule.DefineFunctionBytes"/>.</summary>
public static class CompiledCodeModuleExtensions
{
    /// <summary>
    /// Declares <paramref name="code"/>'s symbol with <paramref name="linkage"/> and defines it. Each user
    /// name a relocation targets binds to the data object of that name when one is declared, otherwise to
    /// a function (declared as an import if new), so declare data before defining the code that uses it.
    /// </summary>
    public static FuncId DefineCompiledCode(this IModule module, CompiledCode code, Linkage linkage)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(code);
        var id = module.DeclareFunction(code.SymbolName, linkage);
        module.DefineFunctionBytes(id, code.Code, code.Alignment, RelocsOf(module, code), TrapsOf(code));
        return id;
    }

    /// <summary>Defines <paramref name="code"/> under <paramref name="id"/>, already declared, keeping its code
    /// array without a copy (see <see cref="ModuleBase.DefineFunctionBytesInPlace"/>): for a module that is
    /// emitted and dropped while <paramref name="code"/> is still unchanged.</summary>
    internal static void DefineCompiledCodeInPlace(this ModuleBase module, FuncId id, CompiledCode code) =>
        module.DefineFunctionBytesInPlace(id, code.Code, code.Alignment, RelocsOf(module, code), TrapsOf(code));

    private static ModuleReloc[] RelocsOf(IModule module, CompiledCode code)
    {
        if (code.Relocs.Count == 0) return [];
        var relocs = new ModuleReloc[code.Relocs.Count];
        for (int i = 0; i < relocs.Length; i++)
        {
            var r = code.Relocs[i];
            relocs[i] = new ModuleReloc(r.Offset, r.Kind, TargetOf(module, r.Target), r.Addend);
        }
        return relocs;
    }

    private static TrapSite[] TrapsOf(CompiledCode code)
    {
        if (code.Traps.Count == 0) return [];
        var traps = new TrapSite[code.Traps.Count];
        for (int i = 0; i < traps.Length; i++) traps[i] = new TrapSite(code.Traps[i].Offset, code.Traps[i].Code);
        return traps;
    }

    private static ModuleRelocTarget TargetOf(IModule module, FinalRelocTarget target) => target.Kind switch
    {
        ExternalNameKind.LibCall => target.LibCall,
        ExternalNameKind.KnownSymbol => target.KnownSymbol,
        _ => module.Declarations.TryGetData(target.SymbolName, out var data)
            ? data
            : module.DeclareFunction(target.SymbolName, Linkage.Import),
    };
}
