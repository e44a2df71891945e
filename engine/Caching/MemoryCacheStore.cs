using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Stencil.Ir.Keys;

namespace Stencil.Engine.Caching;

/// <summary>An in-process <see cref="ICacheStore"/>: for tools that compile several modules in one run,
/// for benchmarks, and for tests of the caching logic without a database.</summary>
public sealed class MemoryCacheStore : ICacheStore
{
    private readonly ConcurrentDictionary<CacheKey, byte[]> _entries = new();
    private readonly ConcurrentDictionary<CacheKey, byte[]> _manifests = new();
    private int _hits, _inserts;

    public int Count => _entries.Count;
    public int Hits => _hits;
    public int Inserts => _inserts;

    public bool TryGet(in CacheKey key, string functionName, [NotNullWhen(true)] out byte[]? value)
    {
        if (_entries.TryGetValue(key, out value)) { Interlocked.Increment(ref _hits); return true; }
        return false;
    }

    public void Insert(in CacheKey key, ReadOnlySpan<byte> value, CacheEntryInfo info)
    {
        _entries[key] = value.ToArray();
        Interlocked.Increment(ref _inserts);
    }

    public bool TryGetManifest(in CacheKey id, [NotNullWhen(true)] out byte[]? manifest) => _manifests.TryGetValue(id, out manifest);

    public void SetManifest(in CacheKey id, ReadOnlySpan<byte> manifest)
    {
        _manifests[id] = manifest.ToArray();
        ManifestWrites++;
    }

    /// <summary>How many times a manifest was stored, to test that unchanged builds store none.</summary>
    public int ManifestWrites { get; private set; }

    /// <summary>Replaces an entry's bytes as they are, to test how damaged entries are handled.</summary>
    public void Overwrite(CacheKey key, byte[] value) => _entries[key] = value;

    /// <summary>Replaces a manifest's bytes as they are, to test how damaged manifests are handled.</summary>
    public void OverwriteManifest(CacheKey id, byte[] value) => _manifests[id] = value;

    public IEnumerable<CacheKey> Keys => _entries.Keys;

    public IEnumerable<CacheKey> ManifestIds => _manifests.Keys;
}
