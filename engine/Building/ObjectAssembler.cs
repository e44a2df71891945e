using System.Runtime.CompilerServices;
using System.Buffers;
using Stencil.Engine.Compilation;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir.Diagnostics;
using Stencil.Isa;

namespace Stencil.Engine.Building;

/// <summary>Puts finalized functions into one relocatable object through the module layer: every function
/// is exported under its symbol, and every call to a name is a relocation against that symbol.</summary>
public static class ObjectAssembler
{
    /// <returns>The object's bytes, or null with an error diagnostic.</returns>
    /// <param name="triple">The target the functions were compiled for; x86_64 Linux when null.</param>
    public static byte[]? Assemble(IReadOnlyList<CompiledCode> functions, List<Diagnostic> diagnostics, TargetTriple? triple = null) =>
        Lay(functions, diagnostics, triple)?.Emit();

    /// <summary>
    /// Writes the object into <paramref name="output"/> (one span of the object's size) instead of a new array:
    /// a caller that keeps one buffer across builds then allocates nothing the size of the object.
    /// </summary>
    /// <returns>False, with an error diagnostic and nothing written, when the functions do not make an object.</returns>
    public static bool TryAssemble(IReadOnlyList<CompiledCode> functions, IBufferWriter<byte> output, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(output);
        var product = Lay(functions, diagnostics, null);
        product?.WriteTo(output);
        return product is not null;
    }

    // This and the other loops over every definition run once per build. Left to tiered compilation, a
    // long-lived build process would run them as unoptimized code (with on-stack replacement compiling the
    // hot loop in the middle of a build) for its first thirty builds: compiled fully optimized from the first
    // call instead, every build after the first runs optimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ObjectProduct? Lay(IReadOnlyList<CompiledCode> functions, List<Diagnostic> diagnostics, TargetTriple? triple)
    {
        try
        {
            var module = new ObjectModule(triple is null ? null : new ObjectModuleOptions { Triple = triple });
            // Declaring every definition first fixes the symbol order and makes calls between them bind to definitions.
            var ids = new FuncId[functions.Count];
            for (int i = 0; i < ids.Length; i++) ids[i] = module.DeclareFunction(functions[i].SymbolName, Linkage.Export);
            // The module is written out before the caller gets control back, so it may keep the functions' code
            // arrays rather than copy them.
            for (int i = 0; i < ids.Length; i++) module.DefineCompiledCodeInPlace(ids[i], functions[i]);
            return module.Finish();
        }
        catch (ModuleException e)
        {
            diagnostics.Add(e.Diagnostic);
            return null;
        }
    }
}
