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

    /// <summary>
    /// Looks up many entries at once, as <see cref="TryGet"/> would one by one: <paramref name="values"/>[i] is the
    /// entry of <paramref name="keys"/>[i] or null. A store can answer a batch far faster than single lookups, and
    /// may hand out views of its own buffers rather than copies: the caller reads them and does not keep them.
    /// </summary>
    void TryGetMany(ReadOnlySpan<CacheKey> keys, IReadOnlyList<string> functionNames, ReadOnlyMemory<byte>?[] values)
    {
        // The cast matters: a null byte[] would convert to an empty (non-null) ReadOnlyMemory, a "hit" of zero bytes.
        for (int i = 0; i < keys.Length; i++) values[i] = TryGet(keys[i], functionNames[i], out var value) ? value : (ReadOnlyMemory<byte>?)null;
    }

    /// <summary>
    /// The build manifest last stored under <paramref name="id"/>: what a build remembers about its sources (see
    /// <c>BuildManifest</c>). Opaque to the store; false when there is none or it cannot be read.
    /// </summary>
    bool TryGetManifest(in CacheKey id, [NotNullWhen(true)] out byte[]? manifest)
    {
        manifest = null;
        return false;
    }

    /// <summary>Replaces the build manifest stored under <paramref name="id"/>. A store may decline to keep it.</summary>
    void SetManifest(in CacheKey id, ReadOnlySpan<byte> manifest) { }
}
