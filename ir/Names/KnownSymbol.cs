namespace Stencil.Ir.Names;

/// <summary>Symbols with a meaning fixed by the platform ABI that the linker recognises by name.</summary>
public enum KnownSymbol : byte
{
    ElfGlobalOffsetTable,
    CoffTlsIndex,
}

public static class KnownSymbolInfo
{
    public static string SymbolName(this KnownSymbol symbol) => symbol switch
    {
        KnownSymbol.ElfGlobalOffsetTable => "_GLOBAL_OFFSET_TABLE_",
        KnownSymbol.CoffTlsIndex => "_tls_index",
        _ => throw new ArgumentOutOfRangeException(nameof(symbol)),
    };
}
