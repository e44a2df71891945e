using Stencil.Engine.Building;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

public sealed partial class CacheDatabase
{
    /// <summary>
    /// Lookups under the gate, in three steps: find each entry and read its pack (LiteDB, one thread, while the packs
    /// already read are checked on others); check the payloads of packs that do not vouch for them, in parallel (hashing
    /// is most of the work of a cached build's lookups); then record hits and damage. Payloads are slices of the packs,
    /// never copied.
    /// </summary>
    private void LookupMany(ReadOnlySpan<CacheKey> keys, IReadOnlyList<string> functionNames, ReadOnlyMemory<byte>?[] values)
    {
        var entries = new IndexEntry?[keys.Length];
        var packs = new StoredPack?[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            values[i] = null;
            if (_db is null) continue;
            if (_inserts.TryGetValue(keys[i], out var pending))
            {
                RecordPendingHit(pending, functionNames[i]);
                values[i] = pending.Data;
                continue;
            }
            if (_deletes.Contains(keys[i]) || State() is not { } state) continue;
            if (!state.Entries.TryGetValue(keys[i], out var entry) || entry.BuildId != _options.BuildId) continue;
            try
            {
                FaultInjection.At(CacheFault.ReadPackPoint);
                packs[i] = state.ReadPack(_db, entry.Pack);
                entries[i] = entry;
            }
            catch (Exception e) when (CacheFault.IsEnvironmental(e))
            {
                RuntimeFailure($"reading entry {keys[i]}", e);
            }
        }

        var problems = CheckPayloads(entries, packs, values);

        var now = Now();
        for (int i = 0; i < keys.Length; i++)
        {
            if (entries[i] is null) continue;
            if (values[i] is null)
            {
                if (!_options.ReadOnly) _deletes.Add(keys[i]);
                _warn($"Stencil cache '{Path}': entry {keys[i]} ({functionNames[i]}) is damaged: {problems[i]}. It is treated as a miss and replaced.");
                continue;
            }
            if (_options.ReadOnly) continue;
            var count = _hits.TryGetValue(keys[i], out var previous) ? previous.Count : 0;
            _hits[keys[i]] = new PendingHit(count + 1, now, functionNames[i] ?? "");
        }
    }

    /// <summary>Fills <paramref name="values"/> for every found entry whose payload checks out; returns what is wrong with the others.</summary>
    private static string?[] CheckPayloads(IndexEntry?[] entries, StoredPack?[] packs, ReadOnlyMemory<byte>?[] values)
    {
        var problems = new string?[entries.Length];
        var unsealed = new List<int>();
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i] is not { } entry) continue;
            if (packs[i] is not { } pack) problems[i] = $"its pack {entry.Pack} is missing";
            else if (pack.Intact) values[i] = pack.Payload(entry, out problems[i]);
            else unsealed.Add(i);
        }
        Parallel.ForEach(unsealed, i => values[i] = packs[i]!.Payload(entries[i]!, out problems[i]));
        return problems;
    }

    private void RecordPendingHit(PendingInsert pending, string functionName)
    {
        if (_options.ReadOnly) return;
        pending.Hits++;
        pending.LastHitUtc = Now();
        pending.FunctionName = functionName ?? "";
    }
}
