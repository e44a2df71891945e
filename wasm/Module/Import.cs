namespace Stencil.Wasm.Module;

/// <summary>
/// One import; exactly the field its <see cref="Kind"/> needs is set (the type index of a function, or the table,
/// memory or global type).
/// </summary>
public sealed record Import(string ModuleName, string Name, ExternalKind Kind, int Offset)
{
    public uint FunctionTypeIndex { get; init; }
    public TableType? Table { get; init; }
    public MemoryType? Memory { get; init; }
    public GlobalType? Global { get; init; }
}
