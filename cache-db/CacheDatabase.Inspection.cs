using LiteDB;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

/// <summary>The inspection and maintenance commands behind <c>stencil cache …</c>. They see committed data only.</summary>
public sealed partial class CacheDatabase
{
    public CacheStats GetStats() => Run("read", db =>
    {
        var entries = db.GetCollection(CacheSchema.EntriesCollection).FindAll().ToList();
        var builds = db.GetCollection(CacheSchema.BuildsCollection).FindAll().ToList();
        var meta = db.GetCollection(CacheSchema.MetaCollection).FindById(CacheSchema.MetaId);

        var created = entries.Select(e => CacheSchema.Int64(e, CacheSchema.Entry.Created)).Where(t => t > 0).ToList();
        var triples = entries
            .GroupBy(e => CacheSchema.Text(e, CacheSchema.Entry.Triple), StringComparer.Ordinal)
            .Select(g => new TripleStats(g.Key, g.Count(), g.Sum(e => CacheSchema.Int64(e, CacheSchema.Entry.Size))))
            .OrderBy(t => t.Triple, StringComparer.Ordinal)
            .ToList();
        var finished = builds.Select(b => CacheSchema.Int64(b, CacheSchema.Build.Finished)).Where(t => t > 0).ToList();

        return new CacheStats(
            Path,
            meta is null ? CacheSchema.Version : (int)CacheSchema.Int64(meta, CacheSchema.Meta.VersionField),
            CacheFiles.LengthOf(_files.Data),
            CacheFiles.LengthOf(_files.Journal),
            entries.Count,
            entries.Sum(e => CacheSchema.Int64(e, CacheSchema.Entry.Size)),
            builds.Count,
            builds.Sum(b => CacheSchema.Int64(b, CacheSchema.Build.Hits)),
            builds.Sum(b => CacheSchema.Int64(b, CacheSchema.Build.Misses)),
            created.Count == 0 ? null : CacheSchema.Time(created.Min()),
            created.Count == 0 ? null : CacheSchema.Time(created.Max()),
            finished.Count == 0 ? null : CacheSchema.Time(finished.Max()),
            triples);
    });

    /// <summary>Every entry, ordered by key.</summary>
    public IReadOnlyList<CacheEntrySummary> ListEntries() => Run("read", db =>
        (IReadOnlyList<CacheEntrySummary>)db.GetCollection(CacheSchema.EntriesCollection).FindAll()
            .Select(CacheSchema.ToSummary)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList());

    /// <summary>Keys starting with <paramref name="keyPrefix"/> (hex, any case), at most <paramref name="max"/>, ordered.</summary>
    public IReadOnlyList<string> FindKeys(string keyPrefix, int max = 10)
    {
        if (!TryNormalizePrefix(keyPrefix, out var prefix)) return [];
        return Run("read", db => (IReadOnlyList<string>)db.GetCollection(CacheSchema.EntriesCollection)
            .Find(Query.StartsWith("_id", prefix), 0, Math.Max(0, max))
            .Select(e => e["_id"].AsString)
            .Order(StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>
    /// The one entry whose key starts with <paramref name="keyPrefix"/>, with its payload as stored (it may be damaged:
    /// see <see cref="Verify"/>; empty when the payload is missing). False when no entry or several match.
    /// </summary>
    public bool TryGetEntry(string keyPrefix, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CacheEntrySummary? entry,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? payload)
    {
        entry = null;
        payload = null;
        var keys = FindKeys(keyPrefix, 2);
        if (keys.Count != 1) return false;
        var (summary, data) = Run("read", db =>
        {
            var document = db.GetCollection(CacheSchema.EntriesCollection).FindById(keys[0]);
            var stored = db.GetCollection(CacheSchema.PayloadsCollection).FindById(keys[0]);
            var bytes = stored is not null && stored[CacheSchema.Payload.Data].IsBinary
                ? stored[CacheSchema.Payload.Data].AsBinary : [];
            return (document is null ? null : CacheSchema.ToSummary(document), bytes);
        });
        if (summary is null) return false;
        entry = summary;
        payload = data;
        return true;
    }

    /// <summary>The most recent builds, newest first.</summary>
    public IReadOnlyList<BuildRecord> GetHistory(int max) => Run("read", db =>
        (IReadOnlyList<BuildRecord>)db.GetCollection(CacheSchema.BuildsCollection).Query()
            .OrderByDescending("_id")
            .Limit(Math.Max(0, max))
            .ToList()
            .Select(CacheSchema.ToBuildRecord)
            .ToList());

    /// <summary>
    /// Removes least-recently-used entries (last hit, or creation when never hit; then older creation first) until the
    /// payloads take at most <paramref name="maxBytes"/>. Returns how many were removed. The file keeps its size:
    /// LiteDB reuses the freed pages.
    /// </summary>
    public int Trim(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        return Run("trim", db =>
        {
            RequireWritable();
            db.BeginTrans();
            try
            {
                var removed = TrimWithinTransaction(db, maxBytes);
                db.Commit();
                db.Checkpoint();
                return removed;
            }
            catch
            {
                db.Rollback();
                throw;
            }
        });
    }

    /// <summary>
    /// Removes every entry and the build history by starting a new, empty file (which also gives the disk space
    /// back). Uncommitted changes of an open build are discarded. Returns how many entries there were.
    /// </summary>
    public int Clear() => Run("clear", db =>
    {
        RequireWritable();
        var count = db.GetCollection(CacheSchema.EntriesCollection).Count();
        DiscardPending();
        db.Dispose();
        _db = null;
        File.Delete(_files.Data);
        File.Delete(_files.Journal);
        _db = OpenedLiteDatabase.TryOpen(_files.Data, readOnly: false, Now(), out var problem)
            ?? throw new CacheDatabaseException($"Stencil cache '{Path}' could not be created again: {problem}.");
        _damaged = false;
        return count;
    });

    /// <summary>
    /// Reads every entry and checks its payload against its stored length and checksum and its metadata; with
    /// <paramref name="deleteBad"/> removes the entries that fail.
    /// </summary>
    public CacheVerifyResult Verify(bool deleteBad = false) => Run("verify", db =>
    {
        if (deleteBad) RequireWritable();
        var problems = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in db.GetCollection(CacheSchema.EntriesCollection).FindAll().ToList())
            sizes[entry["_id"].AsString] = CacheSchema.Int64(entry, CacheSchema.Entry.Size);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var payload in db.GetCollection(CacheSchema.PayloadsCollection).FindAll())
            {
                var id = payload["_id"].AsString;
                seen.Add(id);
                var problem = CacheSchema.CheckPayload(payload, out var data);
                if (problem is not null) problems[id] = problem;
                else if (!sizes.TryGetValue(id, out var size)) problems[id] = "the payload has no metadata";
                else if (size != data.Length) problems[id] = $"the metadata records {size} bytes but the payload has {data.Length}";
            }
        }
        catch (Exception e) when (e is not CacheDatabaseException)
        {
            problems["*"] = $"the payloads cannot all be read ({OpenedLiteDatabase.Describe(e)})";
        }
        foreach (var id in sizes.Keys)
        {
            if (!seen.Contains(id) && !problems.ContainsKey("*")) problems[id] = "the entry has no payload";
        }

        var deleted = 0;
        if (problems.ContainsKey("*"))
        {
            // The engine stops after a damaged page; only a salvage into a new file can repair that.
            _damaged = true;
            if (deleteBad && TryReplaceDamagedFile(problems["*"], out var lost)) deleted = lost;
            else ReopenAfterFailure();
        }
        else if (deleteBad)
        {
            var entries = db.GetCollection(CacheSchema.EntriesCollection);
            var payloads = db.GetCollection(CacheSchema.PayloadsCollection);
            db.BeginTrans();
            foreach (var id in problems.Keys.Where(id => id != "*"))
            {
                var removed = entries.Delete(id) | payloads.Delete(id);
                if (removed) deleted++;
            }
            db.Commit();
            db.Checkpoint();
        }

        var checkedCount = seen.Union(sizes.Keys, StringComparer.Ordinal).Count();
        return new CacheVerifyResult(checkedCount,
            problems.Select(p => new CacheVerifyProblem(p.Key, p.Value)).ToList(), deleted);
    });

    /// <summary>Removes least-recently-used entries inside the caller's transaction; returns how many.</summary>
    private static int TrimWithinTransaction(LiteDatabase db, long maxBytes)
    {
        var entries = db.GetCollection(CacheSchema.EntriesCollection);
        var all = entries.FindAll().ToList();
        var total = all.Sum(e => CacheSchema.Int64(e, CacheSchema.Entry.Size));
        if (total <= maxBytes) return 0;

        var payloads = db.GetCollection(CacheSchema.PayloadsCollection);
        var removed = 0;
        foreach (var entry in all
                     .OrderBy(CacheSchema.LastUseTicks)
                     .ThenBy(e => CacheSchema.Int64(e, CacheSchema.Entry.Created))
                     .ThenBy(e => e["_id"].AsString, StringComparer.Ordinal))
        {
            if (total <= maxBytes) break;
            var id = entry["_id"];
            entries.Delete(id);
            payloads.Delete(id);
            total -= CacheSchema.Int64(entry, CacheSchema.Entry.Size);
            removed++;
        }
        return removed;
    }

    private void RequireWritable()
    {
        if (_options.ReadOnly) throw new InvalidOperationException($"Stencil cache '{Path}' was opened read-only.");
    }

    private static bool TryNormalizePrefix(string keyPrefix, out string prefix)
    {
        prefix = (keyPrefix ?? "").Trim().ToLowerInvariant();
        return prefix.Length is > 0 and <= CacheKey.Size * 2 && prefix.All(Uri.IsHexDigit);
    }

    /// <summary>Runs an inspection command under the gate, turning storage failures into <see cref="CacheDatabaseException"/>.</summary>
    private T Run<T>(string verb, Func<LiteDatabase, T> action)
    {
        lock (_gate)
        {
            var db = _db ?? throw new ObjectDisposedException(nameof(CacheDatabase), $"Stencil cache '{Path}' is closed.");
            try
            {
                return action(db);
            }
            catch (Exception e) when (e is not (CacheDatabaseException or InvalidOperationException or ArgumentException))
            {
                if (e is LiteException)
                {
                    // LiteDB stops the engine after a page error; the next command gets a fresh one.
                    _damaged = true;
                    ReopenAfterFailure();
                }
                throw new CacheDatabaseException($"Could not {verb} Stencil cache '{Path}': {OpenedLiteDatabase.Describe(e)}.", e);
            }
        }
    }
}
