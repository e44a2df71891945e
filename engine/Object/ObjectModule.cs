using Stencil.Engine.Module;
using Stencil.Ir.Names;
using Stencil.Isa;

namespace Stencil.Engine.Object;

/// <summary>
/// A module whose output is one relocatable object file (ELF64, x86-64). Definitions are kept in the
/// order they are given, and that order alone decides the layout, so the same calls always give the
/// same bytes. <see cref="Finish"/> ends the module and returns the object.
/// </summary>
public sealed class ObjectModule : IModule
{
    private readonly ObjectModuleOptions _options;
    private readonly List<ObjectFunctionDefinition> _functions = [];
    private readonly List<ObjectDataDefinition> _data = [];
    private bool _finished;

    public ObjectModule(ObjectModuleOptions? options = null)
    {
        _options = options ?? new ObjectModuleOptions();
        if (!IsSupported(_options.Triple)) throw ModuleErrors.UnsupportedTarget(_options.Triple.ToString());
        if (_options.FileSymbolName is { } file && (file.Length == 0 || file.Contains('\0')))
            throw ModuleErrors.InvalidName(file);
    }

    /// <summary>Whether this writer can produce objects for <paramref name="triple"/>.</summary>
    public static bool IsSupported(TargetTriple triple) =>
        triple.Architecture == Architecture.X86_64 &&
        triple.OperatingSystem is not ("windows" or "macos" or "darwin" or "ios");

    public ModuleDeclarations Declarations { get; } = new();

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
        _functions.Add(new ObjectFunctionDefinition(func, code.ToArray(), alignment, [.. relocs], [.. traps]));
    }

    public void DefineData(DataId id, ReadOnlySpan<byte> bytes, int alignment, IReadOnlyList<ModuleReloc> relocs)
    {
        ArgumentNullException.ThrowIfNull(relocs);
        EnsureOpen();
        var name = Declarations.GetData(id).Name;
        DefinitionChecks.CheckAlignment(name, alignment);
        DefinitionChecks.CheckRelocs(Declarations, name, bytes.Length, relocs);
        Declarations.MarkDataDefined(id);
        _data.Add(new ObjectDataDefinition(id, bytes.ToArray(), alignment, [.. relocs]));
    }

    /// <summary>Ends the module and lays out the object. Throws <see cref="ModuleException"/> when a
    /// referenced Local symbol was never defined; the module cannot be used afterwards.</summary>
    public ObjectProduct Finish()
    {
        EnsureOpen();
        _finished = true;
        return ElfObjectBuilder.Build(Declarations, _functions, _data, _options.FileSymbolName);
    }

    private void EnsureOpen()
    {
        if (_finished) throw ModuleErrors.AlreadyFinished();
    }
}
