namespace Stencil.Ir.Names;

/// <summary>
/// A name defined by the embedder, living only in <c>FunctionParameters</c>. Either Cranelift's
/// numeric form <c>u&lt;namespace&gt;:&lt;index&gt;</c> or, in Stencil, a text symbol written <c>%name</c>.
/// Keeping symbols here (not in the stencil) is what lets a rename keep the cache hit.
/// </summary>
public readonly record struct UserExternalName
{
    public uint Namespace { get; }
    public uint Index { get; }
    /// <summary>The symbol name for the <c>%name</c> form; null for the numeric form.</summary>
    public string? Symbol { get; }

    private UserExternalName(uint ns, uint index, string? symbol) { Namespace = ns; Index = index; Symbol = symbol; }

    public static UserExternalName FromIndex(uint ns, uint index) => new(ns, index, null);
    public static UserExternalName FromSymbol(string symbol) => new(0, 0, symbol ?? throw new ArgumentNullException(nameof(symbol)));

    public bool IsSymbol => Symbol is not null;

    /// <summary>The name an object file uses for this entity.</summary>
    public string ObjectSymbolName => Symbol ?? $"u{Namespace}_{Index}";

    public override string ToString() => Symbol is not null ? "%" + Symbol : $"u{Namespace}:{Index}";
}
