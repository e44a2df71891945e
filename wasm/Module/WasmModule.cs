namespace Stencil.Wasm.Module;

/// <summary>
/// A decoded module. Index spaces (functions, tables, memories, globals) start with the imports, in import order,
/// then the module's own definitions; the <c>*Count</c> and <c>*TypeOf</c> helpers follow that rule.
/// </summary>
public sealed class WasmModule
{
    public required string File { get; init; }
    /// <summary>The bytes the module was decoded from (what <see cref="Translation.TranslationDigests"/> hashes).</summary>
    public byte[] Bytes { get; init; } = [];
    /// <summary>Where the code section starts (its id byte) and ends in <see cref="Bytes"/>; -1 when there is none.</summary>
    public int CodeSectionStart { get; set; } = -1;
    public int CodeSectionEnd { get; set; } = -1;
    public List<FuncType> Types { get; } = [];
    public List<Import> Imports { get; } = [];
    /// <summary>The type index of each defined function (the function section).</summary>
    public List<uint> FunctionTypeIndices { get; } = [];
    public List<TableType> Tables { get; } = [];
    public List<MemoryType> Memories { get; } = [];
    public List<Global> Globals { get; } = [];
    public List<Export> Exports { get; } = [];
    public uint? StartFunction { get; set; }
    public int StartOffset { get; set; }
    public List<ElementSegment> Elements { get; } = [];
    public uint? DataCount { get; set; }
    public List<FunctionBody> Bodies { get; } = [];
    public List<DataSegment> Data { get; } = [];
    public List<CustomSection> CustomSections { get; } = [];
    /// <summary>From the <c>name</c> section, when it has one that decodes.</summary>
    public string? ModuleName { get; set; }
    /// <summary>Function names by function index, from the <c>name</c> section (none when it is absent or damaged).</summary>
    public Dictionary<uint, string> FunctionNames { get; } = [];

    /// <summary>The type index of each imported function, in import order.</summary>
    public List<uint> ImportedFunctionTypeIndices { get; } = [];
    public int ImportedFunctionCount => ImportedFunctionTypeIndices.Count;
    public List<TableType> ImportedTables { get; } = [];
    public List<MemoryType> ImportedMemories { get; } = [];
    public List<GlobalType> ImportedGlobals { get; } = [];

    internal void AddImport(Import import)
    {
        Imports.Add(import);
        switch (import.Kind)
        {
            case ExternalKind.Function: ImportedFunctionTypeIndices.Add(import.FunctionTypeIndex); break;
            case ExternalKind.Table: ImportedTables.Add(import.Table!); break;
            case ExternalKind.Memory: ImportedMemories.Add(import.Memory!); break;
            case ExternalKind.Global: ImportedGlobals.Add(import.Global!); break;
        }
    }

    public int FunctionCount => ImportedFunctionCount + FunctionTypeIndices.Count;
    public int TableCount => ImportedTables.Count + Tables.Count;
    public int MemoryCount => ImportedMemories.Count + Memories.Count;
    public int GlobalCount => ImportedGlobals.Count + Globals.Count;

    /// <summary>The type index of function <paramref name="index"/> (imported or defined); the index must be in range.</summary>
    public uint FunctionTypeIndex(uint index) =>
        index < ImportedFunctionCount ? ImportedFunctionTypeIndices[(int)index] : FunctionTypeIndices[(int)(index - ImportedFunctionCount)];

    public TableType TableTypeOf(uint index) => index < ImportedTables.Count ? ImportedTables[(int)index] : Tables[(int)index - ImportedTables.Count];

    public GlobalType GlobalTypeOf(uint index) => index < ImportedGlobals.Count ? ImportedGlobals[(int)index] : Globals[(int)index - ImportedGlobals.Count].Type;
}
