using Stencil.Ir;
using Stencil.Ir.Names;

namespace Stencil.Engine.Compilation;

/// <summary>Applies <see cref="FunctionParameters"/> to a <see cref="CompiledCodeStencil"/>: relocation targets
/// become names and source locations become absolute. Cheap, and done for cached and fresh code alike.</summary>
public static class Finalizer
{
    public static CompiledCode Finalize(CompiledCodeStencil stencil, FunctionParameters parameters)
    {
        // Most functions have no relocations or source locations: those share one empty array.
        var relocs = stencil.Relocs.Count == 0 ? [] : new FinalReloc[stencil.Relocs.Count];
        for (int i = 0; i < relocs.Length; i++)
        {
            var r = stencil.Relocs[i];
            var target = r.Target.Kind switch
            {
                ExternalNameKind.User => r.Target.UserRef.Index < parameters.UserNamedFuncs.Count
                    ? FinalRelocTarget.FromUser(parameters.GetUserName(r.Target.UserRef))
                    : throw new InvalidOperationException($"relocation refers to {r.Target.UserRef}, which the function's parameters do not declare"),
                ExternalNameKind.LibCall => FinalRelocTarget.FromLibCall(r.Target.LibCall),
                _ => FinalRelocTarget.FromKnownSymbol(r.Target.KnownSymbol),
            };
            relocs[i] = new FinalReloc(r.Offset, r.Kind, target, r.Addend);
        }
        var locs = stencil.SrcLocs.Count == 0 ? [] : new FinalSrcLoc[stencil.SrcLocs.Count];
        for (int i = 0; i < locs.Length; i++)
        {
            var s = stencil.SrcLocs[i];
            locs[i] = new FinalSrcLoc(s.Start, s.End, s.Loc.Expand(parameters.BaseSrcLoc));
        }
        return new CompiledCode(parameters.Name.SymbolName, stencil.Code, relocs, stencil.Traps, locs, stencil.FrameSize, stencil.Alignment);
    }
}
