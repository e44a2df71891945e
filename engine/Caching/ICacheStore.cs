using System.Diagnostics.CodeAnalysis;
using Stencil.Ir.Keys;

namespace Stencil.Engine.Caching;

/// <summary>
/// Where compiled stencils live between builds: get and insert by key, nothing about storage.
/// Implementations never throw for a damaged or missing entry: that is simply a miss.
/// Calls may come from several threads.
/// </summary>
public interface ICacheStore
{
    /// <summary>Looks up an entry; <paramref name="functionName"/> is recorded as the name last seen for it.</summary>
    bool TryGet(in CacheKey key, string functionName, [NotNullWhen(true)] out byte[]? value);

    /// <summary>Stores an encoded <c>CompiledCodeStencil</c> under its key (replacing any entry with that key).</summary>
    void Insert(in CacheKey key, ReadOnlySpan<byte> value, CacheEntryInfo info);
}
