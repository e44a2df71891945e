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
        var relocs = new ModuleReloc[code.Relocs.Count];
        for (int i = 0; i < relocs.Length; i++)
        {
            var r = code.Relocs[i];
            relocs[i] = new ModuleReloc(r.Offset, r.Kind, TargetOf(module, r.Target), r.Addend);
        }
        var traps = new TrapSite[code.Traps.Count];
        for (int i = 0; i < traps.Length; i++) traps[i] = new TrapSite(code.Traps[i].Offset, code.Traps[i].Code);
        module.DefineFunctionBytes(id, code.Code, code.Alignment, relocs, traps);
        return id;
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
