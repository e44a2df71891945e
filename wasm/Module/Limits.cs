namespace Stencil.Wasm.Module;

/// <summary>The size bounds of a memory (in 64 KiB pages) or a table (in elements).</summary>
public readonly record struct Limits(uint Min, uint? Max);

public sealed record TableType(ValType ElementType, Limits Limits);

public sealed record MemoryType(Limits Limits);

public sealed record GlobalType(ValType Type, bool Mutable);
