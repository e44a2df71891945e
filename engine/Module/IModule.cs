using Stencil.Ir.Names;

namespace Stencil.Engine.Module;

/// <summary>
/// A collection of functions and data being built into one unit (an object file, or executable memory).
/// Names are declared first and get ids; definitions then give bytes for ids. Referencing a name that
/// is never defined is fine: it is an import the linker resolves.
/// </summary>
public interface IModule
{
    /// <summary>Everything declared so far, in declaration order.</summary>
    ModuleDeclarations Declarations { get; }

    /// <summary>Declares a function, or returns the existing id for <paramref name="name"/> with the
    /// linkages merged (<see cref="LinkageRules.TryMerge"/>); throws <see cref="ModuleException"/> when the
    /// name is data or the linkages conflict.</summary>
    FuncId DeclareFunction(string name, Linkage linkage);

    /// <summary>Declares a data object, or returns the existing id with the linkages merged.</summary>
    DataId DeclareData(string name, Linkage linkage, bool writable);

    /// <summary>Declares the function a libcall binds to, as an import under its C symbol name.</summary>
    FuncId DeclareLibCall(LibCall call) => DeclareFunction(call.SymbolName(), Linkage.Import);

    /// <summary>
    /// Gives the machine code of a declared function. The one path for freshly compiled and cached code:
    /// relocation offsets and trap offsets are relative to the start of <paramref name="code"/>.
    /// Defining a function twice throws <see cref="ModuleException"/>.
    /// </summary>
    void DefineFunctionBytes(FuncId func, ReadOnlySpan<byte> code, int alignment, IReadOnlyList<ModuleReloc> relocs, IReadOnlyList<TrapSite> traps);

    /// <summary>Gives the initial bytes of a declared data object, with relocations inside them.</summary>
    void DefineData(DataId id, ReadOnlySpan<byte> bytes, int alignment, IReadOnlyList<ModuleReloc> relocs);
}
