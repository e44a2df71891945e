using Stencil.Ir.Names;

namespace Stencil.Engine.Module;

/// <summary>
/// What every <see cref="IModule"/> does the same way: declarations, validated definitions kept in
/// definition order. Derived modules decide only what the definitions become (an object file, executable memory).
/// </summary>
public abstract class ModuleBase : IModule
{
    private readonly List<DefinedFunction> _functions = [];
    private readonly List<DefinedData> _data = [];

    public ModuleDeclarations Declarations { get; } = new();

    protected IReadOnlyList<DefinedFunction> FunctionDefinitions => _functions;
    protected IReadOnlyList<DefinedData> DataDefinitions => _data;

    /// <summary>Throws when the module no longer accepts declarations or definitions.</summary>
    protected abstract void EnsureOpen();

    public FuncId DeclareFunction(string name, Linkage linkage)
    {
        EnsureOpen();
        return Declarations.DeclareFunction(name, linkage);
    }

    public DataId DeclareData(string name, Linkage linkage, bool writable)
    {
        EnsureOpen();
        return Declarations.DeclareData(name, linkage, writable);
    }

    public FuncId DeclareLibCall(LibCall call) => DeclareFunction(call.SymbolName(), Linkage.Import);

    public void DefineFunctionBytes(FuncId func, ReadOnlySpan<byte> code, int alignment, IReadOnlyList<ModuleReloc> relocs, IReadOnlyList<TrapSite> traps)
    {
        ArgumentNullException.ThrowIfNull(relocs);
        ArgumentNullException.ThrowIfNull(traps);
        EnsureOpen();
        var name = Declarations.GetFunction(func).Name;
        DefinitionChecks.CheckAlignment(name, alignment);
        DefinitionChecks.CheckRelocs(Declarations, name, code.Length, relocs);
        DefinitionChecks.CheckTraps(name, code.Length, traps);
        // Marking last: a definition rejected above leaves the function undefined and definable.
        Declarations.MarkFunctionDefined(func);
        _functions.Add(new DefinedFunction(func, code.ToArray(), alignment, [.. relocs], [.. traps]));
    }

    public void DefineData(DataId id, ReadOnlySpan<byte> bytes, int alignment, IReadOnlyList<ModuleReloc> relocs)
    {
        ArgumentNullException.ThrowIfNull(relocs);
        EnsureOpen();
        var name = Declarations.GetData(id).Name;
        DefinitionChecks.CheckAlignment(name, alignment);
        DefinitionChecks.CheckRelocs(Declarations, name, bytes.Length, relocs);
        Declarations.MarkDataDefined(id);
        _data.Add(new DefinedData(id, bytes.ToArray(), alignment, [.. relocs]));
    }
}
