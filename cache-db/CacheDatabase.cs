using System.Diagnostics.CodeAnalysis;
using LiteDB;
using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

/// <summary>
/// The compiled-stencil cache in one LiteDB file (Direct mode, one process at a time; see <see cref="CacheFileLock"/>).
/// <para>
/// One build is one unit of work: the index is read once into memory (<see cref="CacheState"/>); lookups, and the hit
/// bookkeeping they do, work on it; <see cref="Insert"/> and <see cref="SetManifest"/> are buffered; and
/// <see cref="Commit"/> writes it all in a single LiteDB transaction, followed by a checkpoint so the data file is
/// self-contained once the handle closes. Disposing without committing discards the build, like a rolled-back
/// transaction. The buffering is not only for speed: LiteDB binds a transaction to the thread that began it, and a
/// build inserts from many compiler threads.
/// </para>
/// All members are thread-safe. Lookups and inserts never throw for problems with the file: they warn and miss.
/// Anything else that goes wrong is a bug (see <see cref="CacheFault"/>): it propagates, and from then on this
/// instance writes nothing, so that the file stays exactly as the last good build left it.
/// </summary>
public sealed partial class CacheDatabase : ICacheStore, IDisposable
{
    private const int MaxRuntimeWarnings = 3;
    /// <summary>Manifests beyond this many (least recently used first) are dropped: each project keeps one.</summary>
    private const int MaxManifests = 64;
    private const uint ManifestMagic = 0x464E5453; // "STNF" little-endian
    private const int ManifestVersion = 1;

    private readonly Lock _gate = new();
    private readonly CacheFiles _files;
    private readonly CacheOpenOptions _options;
    private readonly Action<string> _warn;
    private readonly Dictionary<CacheKey, PendingInsert> _inserts = [];
    private readonly HashSet<CacheKey> _deletes = [];
    private readonly Dictionary<CacheKey, PendingHit> _hits = [];
    private readonly Dictionary<CacheKey, byte[]> _manifestWrites = [];
    private readonly HashSet<CacheKey> _manifestsUsed = [];
    private LiteDatabase? _db;
    private CacheFileLock? _lock;
    private CacheState? _state;
    private bool _damaged;
    private bool _buildOpen;
    private int _runtimeWarnings;
    private bool _oversizeWarned;
    private bool _stateProblemsReported;
    private bool _faulted;

    internal CacheDatabase(CacheFiles files, LiteDatabase db, CacheFileLock fileLock, CacheOpenOptions options, Action<string> warn, CacheState? state = null)
    {
        _state = state;
        _files = files;
        _db = db;
        _lock = fileLock;
        _options = options;
        _warn = warn;
        // Problems found while reading the index at open are reported at open, like every other problem of the file.
        try
        {
            State();
        }
        catch
        {
            // A bug (see CacheFault): nobody gets this instance to dispose, so the file and its lock are let go here.
            OpenedLiteDatabase.TryDispose(db);
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>Full path of the data file.</summary>
    public string Path => _files.Data;

    public bool IsReadOnly => _options.ReadOnly;

    /// <summary>
    /// Opens the cache at <paramref name="path"/>, creating it (and its directory) when missing. A file that is
    /// damaged, truncated, not a LiteDB file or of another schema is moved aside to
    /// <c>&lt;path&gt;.corrupt-&lt;yyyyMMddHHmmss&gt;</c> with a warning and a new cache is started. Returns null,
    /// after a warning, when no cache can be had (read-only directory, another process holding it, a read-only
    /// open of a missing or unusable file). Never throws for problems with files.
    /// </summary>
    public static CacheDatabase? TryOpen(string path, Action<string> onWarning, CacheOpenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(onWarning);
        return CacheDatabaseOpener.Open(path, onWarning, options ?? new CacheOpenOptions());
    }

    /// <summary>
    /// Starts a build. Entries stored and hits recorded from now on are written by <see cref="Commit"/>.
    /// Returns false when a build is already open (it stays open and keeps its changes).
    /// </summary>
    public bool BeginBuild()
    {
        lock (_gate)
        {
            if (_buildOpen) return false;
            _buildOpen = true;
            return true;
        }
    }

    public bool TryGet(in CacheKey key, string functionName, [NotNullWhen(true)] out byte[]? value)
    {
        var values = new ReadOnlyMemory<byte>?[1];
        lock (_gate)
        {
            try { LookupMany([key], [functionName], values); }
            catch (Exception e) when (!CacheFault.IsEnvironmental(e)) { StopWriting(); throw; }
        }
        value = values[0]?.ToArray();
        return value is not null;
    }

    public void TryGetMany(ReadOnlySpan<CacheKey> keys, IReadOnlyList<string> functionNames, ReadOnlyMemory<byte>?[] values)
    {
        lock (_gate)
        {
            try { LookupMany(keys, functionNames, values); }
            catch (Exception e) when (!CacheFault.IsEnvironmental(e)) { StopWriting(); throw; }
        }
    }

    public void Insert(in CacheKey key, ReadOnlySpan<byte> value, CacheEntryInfo info)
    {
        if (_options.ReadOnly) return;
        if (value.Length > _options.MaxPayloadBytes)
        {
            lock (_gate)
            {
                if (_oversizeWarned) return;
                _oversizeWarned = true;
            }
            _warn($"Stencil cache '{Path}': {info.FunctionName} compiles to {value.Length} bytes, more than the {_options.MaxPayloadBytes} a cache entry may hold; it is not cached.");
            return;
        }

        var entry = new PendingInsert(value.ToArray(), info.FunctionName ?? "", info.Triple ?? "", Now());
        lock (_gate)
        {
            if (_db is null || _faulted) return;
            _inserts[key] = entry;
            _deletes.Remove(key);
        }
    }

    public bool TryGetManifest(in CacheKey id, [NotNullWhen(true)] out byte[]? manifest)
    {
        lock (_gate)
        {
            try { return ReadManifest(id, out manifest); }
            catch (Exception e) when (!CacheFault.IsEnvironmental(e)) { StopWriting(); throw; }
        }
    }

    /// <summary><see cref="TryGetManifest"/> under the gate.</summary>
    private bool ReadManifest(CacheKey id, [NotNullWhen(true)] out byte[]? manifest)
    {
        manifest = null;
        if (_manifestWrites.TryGetValue(id, out var pending)) { manifest = (byte[])pending.Clone(); return true; }
        if (State() is not { } state || !state.Catalog.Manifests.ContainsKey(id)) return false;
        BsonDocument? doc;
        try
        {
            FaultInjection.At(CacheFault.ReadManifestPoint);
            doc = _db!.GetCollection(CacheSchema.ManifestsCollection).FindById(id.ToString());
        }
        catch (Exception e) when (CacheFault.IsEnvironmental(e))
        {
            RuntimeFailure("reading a build manifest", e);
            return false;
        }
        if (CacheSchema.BlobOf(doc) is not { } blob || !SealedBlob.TryOpen(blob, ManifestMagic, ManifestVersion, out var body))
            return false;
        if (!_options.ReadOnly) _manifestsUsed.Add(id);
        manifest = body.ToArray();
        return true;
    }

    public void SetManifest(in CacheKey id, ReadOnlySpan<byte> manifest)
    {
        if (_options.ReadOnly) return;
        var copy = manifest.ToArray();
        lock (_gate)
        {
            if (_db is null || _faulted) return;
            _manifestWrites[id] = copy;
        }
    }

    /// <summary>
    /// Writes the open build: its new entries, deletions of damaged ones, hit counts and names, manifests and
    /// <paramref name="record"/> into the history; trims to <see cref="CacheOpenOptions.MaxBytes"/>; compacts packs;
    /// checkpoints. Returns false, after a warning, when nothing could be written (the build itself is unaffected), and
    /// false without one once a bug has surfaced in this instance: that build's changes are not to be trusted.
    /// </summary>
    public bool Commit(BuildRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (_db is null || _options.ReadOnly || _faulted) return false;
            try { return CommitBuild(record); }
            catch (Exception e) when (!CacheFault.IsEnvironmental(e)) { StopWriting(); throw; }
        }
    }

    /// <summary><see cref="Commit"/> under the gate.</summary>
    private bool CommitBuild(BuildRecord record)
    {
        if (_damaged && !TryReplaceDamagedFile("a read failed earlier in this build", out _))
        {
            DiscardPending();
            return false;
        }

        if (!TryWriteBuild(record, out var failure))
        {
            // A failed write on a file that passed its checks at open usually means a damaged page further in;
            // salvaging what is readable into a new file lets the next build commit again.
            if (!TryReplaceDamagedFile(failure, out _) || !TryWriteBuild(record, out failure))
            {
                _warn($"Stencil cache '{Path}': this build could not be recorded ({failure}); its new entries are not kept.");
                DiscardPending();
                return false;
            }
        }
        ClearPending();
        return true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            DiscardPending();
            if (_db is not null)
            {
                try
                {
                    _db.Dispose();
                }
                catch (Exception e) when (CacheFault.IsEnvironmental(e))
                {
                    _warn($"Stencil cache '{Path}' was not closed cleanly: {OpenedLiteDatabase.Describe(e)}.");
                }
                _db = null;
            }
            _lock?.Dispose();
            _lock = null;
        }
    }

    /// <summary>The index and catalog, read on first use; null (after a warning) when they cannot be read at all.</summary>
    private CacheState? State()
    {
        if (_state is null && _db is not null)
        {
            try
            {
                _state = CacheState.Load(_db);
            }
            catch (Exception e) when (CacheFault.IsEnvironmental(e))
            {
                RuntimeFailure("reading the index", e);
                return null;
            }
        }
        if (_state is { Problems.Count: > 0 } && !_stateProblemsReported)
        {
            _stateProblemsReported = true;
            _warn($"Stencil cache '{Path}': {string.Join("; ", _state.Problems)}. The entries concerned are misses.");
        }
        return _state;
    }

    private bool TryWriteBuild(BuildRecord record, out string failure)
    {
        var db = _db!;
        try
        {
            var state = State() ?? throw new IOException("the index cannot be read");
            db.BeginTrans();
            FaultInjection.At(CacheFault.WriteBuildPoint);
            var now = Now();

            foreach (var key in _deletes) state.Remove(key);
            foreach (var (key, hit) in _hits)
            {
                if (!state.Entries.TryGetValue(key, out var entry)) continue;
                entry.Hits += hit.Count;
                entry.LastHitTicks = hit.LastHitUtc.Ticks;
                state.UsageDirty = true;
                // Names live in the shard itself: they change rarely (a rename), unlike hits.
                if (entry.Name == hit.FunctionName) continue;
                entry.Name = hit.FunctionName;
                state.MarkChanged(entry);
            }
            var writer = new PackWriter(state.Catalog);
            foreach (var (key, insert) in _inserts.OrderBy(pair => pair.Key.ToString(), StringComparer.Ordinal))
            {
                var (pack, offset) = writer.Append(insert.Data);
                state.Add(new IndexEntry
                {
                    Key = key,
                    Pack = pack,
                    Offset = offset,
                    Length = insert.Data.Length,
                    Checksum = PayloadChecksum.Compute(insert.Data),
                    CreatedTicks = insert.CreatedUtc.Ticks,
                    LastHitTicks = insert.Hits > 0 ? insert.LastHitUtc.Ticks : 0,
                    Hits = insert.Hits,
                    Triple = insert.Triple,
                    BuildId = _options.BuildId,
                    Name = insert.FunctionName,
                });
            }
            writer.Flush(db);
            if (_options.MaxBytes is long maxBytes) PackCollector.Trim(state, maxBytes);
            if (_inserts.Count > 0 || _deletes.Count > 0 || _options.MaxBytes is not null) PackCollector.Collect(db, state);

            WriteManifests(db, state, now);
            state.Save(db);
            var builds = db.GetCollection(CacheSchema.BuildsCollection, BsonAutoId.Int64);
            var buildId = builds.Insert(CacheSchema.NewBuild(record));
            // Ids only grow, so everything at or below this one is older than the builds kept.
            if (buildId.IsInt64 && buildId.AsInt64 > _options.MaxBuildHistory)
                builds.DeleteMany(Query.LTE("_id", buildId.AsInt64 - Math.Max(1, _options.MaxBuildHistory)));

            db.Commit();
            db.Checkpoint();
            state.Saved();
            failure = "";
            return true;
        }
        catch (Exception e)
        {
            try { db.Rollback(); }
            catch (Exception)
            {
                // The transaction is gone with the failure; nothing was committed.
            }
            // The in-memory index has this build's changes in it; the file does not.
            _state = null;
            // Our bug, not the file's: no salvage and no retry (Commit stops this instance writing).
            if (!CacheFault.IsEnvironmental(e)) throw;
            failure = OpenedLiteDatabase.Describe(e);
            return false;
        }
    }

    /// <summary>Stores this build's manifests, marks the ones it used, and keeps only the most recently used.</summary>
    private void WriteManifests(LiteDatabase db, CacheState state, DateTime now)
    {
        if (_manifestWrites.Count == 0 && _manifestsUsed.Count == 0) return;
        var manifests = db.GetCollection(CacheSchema.ManifestsCollection);
        foreach (var (id, manifest) in _manifestWrites)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(manifest.Length + 48);
            SealedBlob.Begin(buffer, ManifestMagic, ManifestVersion);
            System.Buffers.BuffersExtensions.Write(buffer, manifest);
            var blob = SealedBlob.Seal(buffer);
            manifests.Upsert(CacheSchema.Blob(id.ToString(), blob));
            state.Catalog.Manifests[id] = new CacheCatalog.ManifestInfo(now.Ticks, blob.Length);
        }
        foreach (var id in _manifestsUsed)
            if (state.Catalog.Manifests.TryGetValue(id, out var info)) state.Catalog.Manifests[id] = info with { UsedTicks = now.Ticks };
        foreach (var (id, _) in state.Catalog.Manifests.OrderByDescending(m => m.Value.UsedTicks).ThenBy(m => m.Key.ToString(), StringComparer.Ordinal).Skip(MaxManifests).ToList())
        {
            manifests.Delete(id.ToString());
            state.Catalog.Manifests.Remove(id);
        }
        state.CatalogDirty = true;
    }

    private void RuntimeFailure(string what, Exception e)
    {
        _damaged = true;
        ReopenAfterFailure();
        _runtimeWarnings++;
        if (_runtimeWarnings > MaxRuntimeWarnings) return;
        var suffix = _runtimeWarnings == MaxRuntimeWarnings ? " Further cache errors in this build are not reported." : "";
        _warn($"Stencil cache '{Path}': failed {what} ({OpenedLiteDatabase.Describe(e)}); treated as a miss.{suffix}");
    }

    /// <summary>
    /// After a bug surfaced in this instance: what the build gathered may be inconsistent, so it is dropped, and nothing
    /// (no commit, no salvage) touches the file again. Called under the gate.
    /// </summary>
    private void StopWriting()
    {
        _faulted = true;
        DiscardPending();
    }

    /// <summary>After a commit: the pending changes are in the file and in the in-memory index.</summary>
    private void ClearPending()
    {
        _inserts.Clear();
        _deletes.Clear();
        _hits.Clear();
        _manifestWrites.Clear();
        _manifestsUsed.Clear();
        _buildOpen = false;
        _runtimeWarnings = 0;
    }

    /// <summary>Without a commit: the pending changes are dropped; the in-memory index holds committed data only.</summary>
    private void DiscardPending() => ClearPending();

    private DateTime Now() => _options.Clock.GetUtcNow().UtcDateTime;
}
