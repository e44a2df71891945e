using System.Diagnostics.CodeAnalysis;
using Stencil.Engine.Caching;
using Stencil.Ir.Keys;

namespace Stencil.RemoteCache;

/// <summary>
/// The local cache in front of a remote one. Lookups ask the local cache first and send its misses to the remote in
/// one round trip; remote values are checked (<see cref="RemoteEntryCodec"/>, size) and copied into the local cache.
/// Inserts go to the local cache at once and, in <see cref="RemoteCacheMode.ReadWrite"/>, are queued for
/// <see cref="Publish"/> at the end of the build.
/// <para>
/// Build manifests are shared too, without their stats (<see cref="PortableManifest"/>): a checkout with no manifest
/// of its own takes the remote one (one more round trip), so a fresh clone reads and hashes its sources instead of
/// parsing them. A manifest is only a hint: the engine checks every file against its digest and re-keys from source
/// on any miss. A build publishes its manifest when it compiled something or found none on the remote.
/// </para>
/// <para>
/// The remote is an optimization with the local cache and the compiler behind it: the first problem (no connection,
/// timeout, a value that fails its checks) is reported once through <c>warn</c>, and a problem with the server ends
/// its use for the rest of the build. Nothing here throws for a remote problem.
/// </para>
/// </summary>
public sealed class TieredCacheStore : ICacheStore, IDisposable
{
    private readonly ICacheStore _local;
    private readonly IRemoteCache _remote;
    private readonly RemoteCacheMode _mode;
    private readonly int _maxValueBytes;
    private readonly Action<string> _warn;
    private readonly List<RemoteEntry> _pending = [];
    private RemoteEntry? _pendingManifest;
    private bool _remoteHadManifest;
    private bool _remoteAskedForManifest;
    private int _warned;
    private volatile bool _failed;
    private int _hits, _misses, _rejected, _published;

    /// <param name="warn">Called at most once, with a message that names the server but no secret.</param>
    public TieredCacheStore(ICacheStore local, IRemoteCache remote, RemoteCacheMode mode, int maxValueBytes, Action<string> warn)
    {
        if (mode == RemoteCacheMode.Off) throw new ArgumentException("an Off remote cache is no remote cache", nameof(mode));
        _local = local;
        _remote = remote;
        _mode = mode;
        _maxValueBytes = maxValueBytes;
        _warn = warn;
    }

    public RemoteCacheCounts Counts => new(_hits, _misses, _rejected, _published, _remote.RoundTrips);

    public bool TryGet(in CacheKey key, string functionName, [NotNullWhen(true)] out byte[]? value)
    {
        var values = new ReadOnlyMemory<byte>?[1];
        TryGetMany([key], [functionName], values);
        value = values[0]?.ToArray();
        return value is not null;
    }

    public void TryGetMany(ReadOnlySpan<CacheKey> keys, IReadOnlyList<string> functionNames, ReadOnlyMemory<byte>?[] values)
    {
        _local.TryGetMany(keys, functionNames, values);
        var missing = new List<int>();
        for (int i = 0; i < keys.Length; i++) if (values[i] is null) missing.Add(i);
        if (missing.Count == 0) return;
        if (_failed) { Interlocked.Add(ref _misses, missing.Count); return; }

        byte[]?[] fetched;
        try
        {
            var wanted = new CacheKey[missing.Count];
            for (int m = 0; m < missing.Count; m++) wanted[m] = keys[missing[m]];
            fetched = _remote.Fetch(wanted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(e);
            Interlocked.Add(ref _misses, missing.Count);
            return;
        }
        for (int m = 0; m < missing.Count; m++)
        {
            int i = missing[m];
            if (fetched[m] is not { } stored) { Interlocked.Increment(ref _misses); continue; }
            if (!Accept(keys[i], $"the entry for `{functionNames[i]}`", stored, out var payload, out var triple)) { Interlocked.Increment(ref _misses); continue; }
            values[i] = payload;
            Interlocked.Increment(ref _hits);
            // The next build of this checkout need not ask the server again.
            _local.Insert(keys[i], payload.Span, new CacheEntryInfo(functionNames[i], triple));
        }
    }

    /// <param name="what">What the value is, for the warning ("the entry for `f`").</param>
    private bool Accept(in CacheKey key, string what, byte[] stored, out ReadOnlyMemory<byte> payload, out string triple)
    {
        string problem;
        payload = default;
        triple = "";
        if (stored.Length > _maxValueBytes) problem = $"value of {stored.Length} bytes is over the limit of {_maxValueBytes}";
        else if (RemoteEntryCodec.TryDecode(key, stored, out payload, out triple, out problem)) return true;
        Interlocked.Increment(ref _rejected);
        Warn($"remote cache {_remote.Display}: ignored {what} ({problem}); built without it");
        return false;
    }

    public void Insert(in CacheKey key, ReadOnlySpan<byte> value, CacheEntryInfo info)
    {
        _local.Insert(key, value, info);
        if (_mode != RemoteCacheMode.ReadWrite || _failed) return;
        var encoded = RemoteEntryCodec.Encode(key, value, info.Triple);
        // Another build's reader would reject it; better not to send it at all.
        if (encoded.Length > _maxValueBytes) return;
        lock (_pending) _pending.Add(new RemoteEntry(RemoteEntryKind.Code, key, encoded));
    }

    /// <summary>Writes the build's new entries to the remote, pipelined, within the address's publish time; never throws.</summary>
    public void Publish(TimeSpan budget)
    {
        RemoteEntry[] entries;
        lock (_pending)
        {
            // A build that found everything on the remote learned nothing the remote's manifest does not say; one that
            // found its own manifest locally and compiled nothing learned only stats, which a shared manifest leaves out.
            bool shareManifest = _pendingManifest is not null && (_pending.Count > 0 || (_remoteAskedForManifest && !_remoteHadManifest));
            entries = shareManifest ? [.. _pending, _pendingManifest!.Value] : [.. _pending];
            _pending.Clear();
            _pendingManifest = null;
        }
        if (entries.Length == 0 || _failed) return;
        try
        {
            _remote.Publish(entries, budget);
            Interlocked.Add(ref _published, entries.Count(e => e.Kind == RemoteEntryKind.Code));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(e);
        }
    }

    public bool TryGetManifest(in CacheKey id, [NotNullWhen(true)] out byte[]? manifest)
    {
        if (_local.TryGetManifest(id, out manifest)) return true;
        if (_failed) return false;
        byte[]? stored;
        try
        {
            _remoteAskedForManifest = true;
            stored = _remote.Fetch([id], RemoteEntryKind.Manifest)[0];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(e);
            return false;
        }
        if (stored is null) return false;
        _remoteHadManifest = true;
        if (!Accept(id, "the shared build manifest", stored, out var payload, out _)) return false;
        manifest = PortableManifest.From(payload.Span);
        return manifest is not null;
    }

    public void SetManifest(in CacheKey id, ReadOnlySpan<byte> manifest)
    {
        _local.SetManifest(id, manifest);
        if (_mode != RemoteCacheMode.ReadWrite || _failed || PortableManifest.From(manifest) is not { } portable) return;
        var encoded = RemoteEntryCodec.Encode(id, portable, "");
        if (encoded.Length > _maxValueBytes) return;
        lock (_pending) _pendingManifest = new RemoteEntry(RemoteEntryKind.Manifest, id, encoded);
    }

    private void Fail(Exception e)
    {
        _failed = true;
        var reason = e is RemoteCacheException ? e.Message : $"{_remote.Display}: {e.GetType().Name}";
        Warn($"remote cache unavailable, building with the local cache alone: {reason}");
    }

    private void Warn(string message)
    {
        if (Interlocked.Exchange(ref _warned, 1) == 0) _warn(message);
    }

    /// <summary>Closes the connection; the local cache belongs to the caller.</summary>
    public void Dispose() => _remote.Dispose();
}
