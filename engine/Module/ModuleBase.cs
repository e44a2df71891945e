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
        CheckFunction(func, code.Length, alignment, relocs, traps);
        // Copies: the caller may reuse its buffers as soon as this returns.
        AddFunction(func, code.ToArray(), alignment, [.. relocs], [.. traps]);
    }

    /// <summary>
    /// <see cref="DefineFunctionBytes"/> that keeps <paramref name="code"/> and the arrays as given instead of
    /// copying them. Only for callers that change none of them while the module lives, such as the object
    /// assembler, whose module is emitted and dropped before it returns: a large module's code is then
    /// copied once, into the object, rather than twice.
    /// </summary>
    internal void DefineFunctionBytesInPlace(FuncId func, byte[] code, int alignment, ModuleReloc[] relocs, TrapSite[] traps)
    {
        CheckFunction(func, code.Length, alignment, relocs, traps);
        AddFunction(func, code, alignment, relocs, traps);
    }

    private void CheckFunction(FuncId func, int length, int alignment, IReadOnlyList<ModuleReloc> relocs, IReadOnlyList<TrapSite> traps)
    {
        EnsureOpen();
        var name = Declarations.GetFunction(func).Name;
        DefinitionChecks.CheckAlignment(name, alignment);
        DefinitionChecks.CheckRelocs(Declarations, name, length, relocs);
        DefinitionChecks.CheckTraps(name, length, traps);
    }

    private void AddFunction(FuncId func, byte[] code, int alignment, ModuleReloc[] relocs, TrapSite[] traps)
    {
        // Marking last: a definition rejected by the checks leaves the function undefined and definable.
        Declarations.MarkFunctionDefined(func);
        _functions.Add(new DefinedFunction(func, code, alignment, relocs, traps));
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
