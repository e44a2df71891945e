using Stencil.Engine.Compilation;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir.Diagnostics;

namespace Stencil.Engine.Building;

/// <summary>Puts finalized functions into one relocatable object through the module layer: every function
/// is exported under its symbol, and every call to a name is a relocation against that symbol.</summary>
public static class ObjectAssembler
{
    /// <returns>The object's bytes, or null with an error diagnostic.</returns>
    public static byte[]? Assemble(IReadOnlyList<CompiledCode> functions, List<Diagnostic> diagnostics)
    {
        var module = new ObjectModule();
        try
        {
            // Declaring every definition first fixes the symbol order and makes calls between them bind to definitions.
            foreach (var f in functions) module.DeclareFunction(f.SymbolName, Linkage.Export);
            foreach (var f in functions) module.DefineCompiledCode(f, Linkage.Export);
            return module.Finish().Emit();
        }
        catch (ModuleException e)
        {
            diagnostics.Add(e.Diagnostic);
            return null;
        }
    }
}
