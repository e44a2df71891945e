using System.Diagnostics.CodeAnalysis;
using LiteDB;
using Stencil.Engine.Caching;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

/// <summary>
/// The compiled-stencil cache in one LiteDB file (Direct mode, one process at a time; see <see cref="CacheFileLock"/>).
/// <para>
/// One build is one unit of work: <see cref="Insert"/> and the hit bookkeeping of <see cref="TryGet"/> are buffered in
/// memory and written by <see cref="Commit"/> in a single LiteDB transaction, followed by a checkpoint so the data file
/// is self-contained once the handle closes. Disposing without committing discards them, like a rolled-back
/// transaction. The buffering is not only for speed: LiteDB binds a transaction to the thread that began it, and a
/// build inserts from many compiler threads, whose writes would otherwise commit one by one behind its back.
/// </para>
/// All members are thread-safe. Lookups and inserts never throw for problems with the file: they warn and miss.
/// </summary>
public sealed partial class CacheDatabase : ICacheStore, IDisposable
{
    private const int MaxRuntimeWarnings = 3;

    private readonly Lock _gate = new();
    private readonly CacheFiles _files;
    private readonly CacheOpenOptions _options;
    private readonly Action<string> _warn;
    private readonly Dictionary<string, PendingInsert> _inserts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingHit> _hits = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deletes = new(StringComparer.Ordinal);
    private LiteDatabase? _db;
    private CacheFileLock? _lock;
    private bool _damaged;
    private bool _buildOpen;
    private int _runtimeWarnings;
    private bool _oversizeWarned;

    internal CacheDatabase(CacheFiles files, LiteDatabase db, CacheFileLock fileLock, CacheOpenOptions options, Action<string> warn)
    {
        _files = files;
        _db = db;
        _lock = fileLock;
        _options = options;
        _warn = warn;
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
        value = null;
        var id = key.ToString();
        lock (_gate)
        {
            if (_db is null) return false;
            if (_inserts.TryGetValue(id, out var pending))
            {
                RecordHit(id, functionName);
                value = (byte[])pending.Data.Clone();
                return true;
            }
            if (_deletes.Contains(id)) return false;

            BsonDocument? payload;
            try
            {
                payload = _db.GetCollection(CacheSchema.PayloadsCollection).FindById(id);
            }
            catch (Exception e)
            {
                RuntimeFailure($"reading entry {id}", e);
                return false;
            }
            if (payload is null) return false;
            if (CacheSchema.Text(payload, CacheSchema.Payload.BuildId) != _options.BuildId) return false;

            var problem = CacheSchema.CheckPayload(payload, out var data);
            if (problem is not null)
            {
                if (!_options.ReadOnly) _deletes.Add(id);
                _warn($"Stencil cache '{Path}': entry {id} ({functionName}) is damaged: {problem}. It is treated as a miss and replaced.");
                return false;
            }

            RecordHit(id, functionName);
            value = data;
            return true;
        }
    }

    public void Insert(in CacheKey key, ReadOnlySpan<byte> value, CacheEntryInfo info)
    {
        if (_options.ReadOnly) return;
        var id = key.ToString();
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
            if (_db is null) return;
            _inserts[id] = entry;
            _deletes.Remove(id);
        }
    }

    /// <summary>
    /// Writes the open build: its new entries, deletions of damaged ones, hit counts and names, and
    /// <paramref name="record"/> into the history; trims to <see cref="CacheOpenOptions.MaxBytes"/>; checkpoints.
    /// Returns false, after a warning, when nothing could be written (the build itself is unaffected).
    /// </summary>
    public bool Commit(BuildRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (_db is null || _options.ReadOnly) return false;
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
            DiscardPending();
            return true;
        }
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
                catch (Exception e)
                {
                    _warn($"Stencil cache '{Path}' was not closed cleanly: {OpenedLiteDatabase.Describe(e)}.");
                }
                _db = null;
            }
            _lock?.Dispose();
            _lock = null;
        }
    }

    private bool TryWriteBuild(BuildRecord record, out string failure)
    {
        var db = _db!;
        try
        {
            db.BeginTrans();
            var entries = db.GetCollection(CacheSchema.EntriesCollection);
            var payloads = db.GetCollection(CacheSchema.PayloadsCollection);

            foreach (var id in _deletes.Order(StringComparer.Ordinal))
            {
                entries.Delete(id);
                payloads.Delete(id);
            }
            foreach (var (id, insert) in _inserts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                payloads.Upsert(CacheSchema.NewPayload(id, insert.Data, _options.BuildId));
                entries.Upsert(CacheSchema.NewEntry(id, insert.FunctionName, insert.Triple, insert.Data.Length,
                    insert.CreatedUtc, _options.BuildId));
            }
            foreach (var (id, hit) in _hits.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                var entry = entries.FindById(id);
                if (entry is null) continue;
                entry[CacheSchema.Entry.Hits] = CacheSchema.Int64(entry, CacheSchema.Entry.Hits) + hit.Count;
                entry[CacheSchema.Entry.LastHit] = hit.LastHitUtc.Ticks;
                entry[CacheSchema.Entry.Name] = hit.FunctionName;
                entries.Update(entry);
            }
            db.GetCollection(CacheSchema.BuildsCollection, BsonAutoId.Int64).Insert(CacheSchema.NewBuild(record));
            if (_options.MaxBytes is long maxBytes) TrimWithinTransaction(db, maxBytes);

            db.Commit();
            db.Checkpoint();
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
            failure = OpenedLiteDatabase.Describe(e);
            return false;
        }
    }

    private void RecordHit(string id, string functionName)
    {
        if (_options.ReadOnly) return;
        var count = _hits.TryGetValue(id, out var previous) ? previous.Count : 0;
        _hits[id] = new PendingHit(count + 1, Now(), functionName ?? "");
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

    private void DiscardPending()
    {
        _inserts.Clear();
        _hits.Clear();
        _deletes.Clear();
        _buildOpen = false;
        _runtimeWarnings = 0;
    }

    private DateTime Now() => _options.Clock.GetUtcNow().UtcDateTime;
}
