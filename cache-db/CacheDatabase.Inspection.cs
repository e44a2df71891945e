using LiteDB;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

/// <summary>The inspection and maintenance commands behind <c>stencil cache …</c>. They see committed data only.</summary>
public sealed partial class CacheDatabase
{
    public CacheStats GetStats() => Run("read", db =>
    {
        var state = RequireState();
        var entries = state.Entries.Values.ToList();
        var builds = db.GetCollection(CacheSchema.BuildsCollection).FindAll().ToList();
        var meta = db.GetCollection(CacheSchema.MetaCollection).FindById(CacheSchema.MetaId);

        var created = entries.Select(e => e.CreatedTicks).Where(t => t > 0).ToList();
        var triples = entries
            .GroupBy(e => e.Triple, StringComparer.Ordinal)
            .Select(g => new TripleStats(g.Key, g.Count(), g.Sum(e => (long)e.Length)))
            .OrderBy(t => t.Triple, StringComparer.Ordinal)
            .ToList();
        var finished = builds.Select(b => CacheSchema.Int64(b, CacheSchema.Build.Finished)).Where(t => t > 0).ToList();

        return new CacheStats(
            Path,
            meta is null ? CacheSchema.Version : (int)CacheSchema.Int64(meta, CacheSchema.Meta.VersionField),
            CacheFiles.LengthOf(_files.Data),
            CacheFiles.LengthOf(_files.Journal),
            entries.Count,
            entries.Sum(e => (long)e.Length),
            builds.Count,
            builds.Sum(b => CacheSchema.Int64(b, CacheSchema.Build.Hits)),
            builds.Sum(b => CacheSchema.Int64(b, CacheSchema.Build.Misses)),
            created.Count == 0 ? null : CacheSchema.Time(created.Min()),
            created.Count == 0 ? null : CacheSchema.Time(created.Max()),
            finished.Count == 0 ? null : CacheSchema.Time(finished.Max()),
            triples)
        {
            Packs = state.Catalog.Packs.Count,
            PackBytes = state.Catalog.Packs.Values.Sum(l => (long)l),
            Manifests = state.Catalog.Manifests.Count,
            ManifestBytes = state.Catalog.Manifests.Values.Sum(m => (long)m.Length),
            TotalRemoteHits = builds.Sum(b => CacheSchema.Int64(b, CacheSchema.Build.RemoteHits)),
            TotalRemoteMisses = builds.Sum(b => CacheSchema.Int64(b, CacheSchema.Build.RemoteMisses)),
        };
    });

    /// <summary>Every entry, ordered by key.</summary>
    public IReadOnlyList<CacheEntrySummary> ListEntries() => Run("read", _ =>
        (IReadOnlyList<CacheEntrySummary>)RequireState().Entries.Values
            .Select(e => e.ToSummary())
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList());

    /// <summary>Keys starting with <paramref name="keyPrefix"/> (hex, any case), at most <paramref name="max"/>, ordered.</summary>
    public IReadOnlyList<string> FindKeys(string keyPrefix, int max = 10)
    {
        if (!TryNormalizePrefix(keyPrefix, out var prefix)) return [];
        return Run("read", _ => (IReadOnlyList<string>)RequireState().Entries.Keys
            .Select(k => k.ToString())
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Take(Math.Max(0, max))
            .ToList());
    }

    /// <summary>
    /// The one entry whose key starts with <paramref name="keyPrefix"/>, with its payload as stored (it may be damaged:
    /// see <see cref="Verify"/>; empty when its pack is missing). False when no entry or several match.
    /// </summary>
    public bool TryGetEntry(string keyPrefix, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CacheEntrySummary? entry,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? payload)
    {
        entry = null;
        payload = null;
        var keys = FindKeys(keyPrefix, 2);
        if (keys.Count != 1 || !CacheKey.TryParse(keys[0], out var key)) return false;
        var (summary, data) = Run("read", db =>
        {
            var state = RequireState();
            if (!state.Entries.TryGetValue(key, out var found)) return ((CacheEntrySummary?)null, Array.Empty<byte>());
            state.ReadPayload(db, found, out _, out var raw);
            return ((CacheEntrySummary?)found.ToSummary(), raw);
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
    /// payloads take at most <paramref name="maxBytes"/>, and compacts the packs. Returns how many were removed.
    /// </summary>
    public int Trim(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        return Run("trim", db =>
        {
            RequireWritable();
            var state = RequireState();
            return WriteMaintenance(db, state, () =>
            {
                var removed = PackCollector.Trim(state, maxBytes);
                PackCollector.Collect(db, state);
                return removed;
            });
        });
    }

    /// <summary>
    /// Removes every entry and the build history by starting a new, empty file (which also gives the disk space
    /// back). Uncommitted changes of an open build are discarded. Returns how many entries there were.
    /// </summary>
    public int Clear() => Run("clear", db =>
    {
        RequireWritable();
        var count = State()?.Entries.Count ?? 0;
        DiscardPending();
        db.Dispose();
        _db = null;
        _state = null;
        File.Delete(_files.Data);
        File.Delete(_files.Journal);
        _db = OpenedLiteDatabase.TryOpen(_files.Data, readOnly: false, Now(), out var problem)
            ?? throw new CacheDatabaseException($"Stencil cache '{Path}' could not be created again: {problem}.");
        _damaged = false;
        return count;
    });

    /// <summary>
    /// Reads every entry's payload and checks it against its stored length and checksum; reports what the index itself
    /// lost when it was read. With <paramref name="deleteBad"/> removes the entries that fail.
    /// </summary>
    public CacheVerifyResult Verify(bool deleteBad = false) => Run("verify", db =>
    {
        if (deleteBad) RequireWritable();
        var state = RequireState();
        int checkedCount = state.Entries.Count;
        var problems = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (problem, i) in state.Problems.Select((p, i) => (p, i))) problems[$"index{(i == 0 ? "" : "-" + i)}"] = problem;
        var bad = new List<CacheKey>();
        try
        {
            foreach (var entry in state.Entries.Values.OrderBy(e => e.Pack).ThenBy(e => e.Offset).ToList())
            {
                if (state.ReadPayload(db, entry, out var problem, out _) is null)
                {
                    problems[entry.Key.ToString()] = problem!;
                    bad.Add(entry.Key);
                }
            }
        }
        catch (Exception e) when (CacheFault.IsEnvironmental(e))
        {
            problems["*"] = $"the payloads cannot all be read ({OpenedLiteDatabase.Describe(e)})";
        }

        var deleted = 0;
        if (problems.ContainsKey("*"))
        {
            // The engine stops after a damaged page; only a salvage into a new file can repair that.
            _damaged = true;
            if (deleteBad && TryReplaceDamagedFile(problems["*"], out var lost)) deleted = lost;
            else ReopenAfterFailure();
        }
        else if (deleteBad && (bad.Count > 0 || state.Problems.Count > 0))
        {
            deleted = WriteMaintenance(db, state, () =>
            {
                var removed = bad.Count(state.Remove);
                PackCollector.Collect(db, state);
                return removed;
            });
        }

        return new CacheVerifyResult(checkedCount,
            problems.Select(p => new CacheVerifyProblem(p.Key, p.Value)).ToList(), deleted);
    });

    /// <summary>Runs a maintenance change of the index in its own transaction and writes it.</summary>
    private int WriteMaintenance(LiteDatabase db, CacheState state, Func<int> change)
    {
        db.BeginTrans();
        try
        {
            var result = change();
            state.Save(db);
            db.Commit();
            db.Checkpoint();
            state.Saved();
            return result;
        }
        catch
        {
            db.Rollback();
            _state = null;
            throw;
        }
    }

    private CacheState RequireState() =>
        State() ?? throw new CacheDatabaseException($"Could not read Stencil cache '{Path}': its index cannot be read.");

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
            catch (Exception e) when (CacheFault.IsEnvironmental(e))
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
