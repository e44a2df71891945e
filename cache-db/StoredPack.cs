namespace Stencil.CacheDb;

/// <summary>
/// A pack as read from the file. Hashing the whole pack once is far cheaper than hashing its payloads one by one
/// (SHA-256 costs about a microsecond per call on top of the bytes), so a pack whose seal checks out vouches for every
/// payload in it; only a pack without a seal, or whose seal fails, has its payloads checked against their own
/// checksums, so that one damaged payload costs that entry alone.
/// </summary>
internal sealed class StoredPack
{
    private readonly Lazy<bool> _intact;

    public StoredPack(byte[] data, byte[]? seal)
    {
        Data = data;
        _intact = new Lazy<bool>(() => seal is not null && PayloadChecksum.Matches(data, seal),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public byte[] Data { get; }

    /// <summary>The data is exactly what was sealed. Computed once, by whichever thread asks first; others wait for it.</summary>
    public bool Intact => _intact.Value;

    /// <summary>Starts checking the seal on the thread pool, so that it overlaps reading the next pack.</summary>
    public void CheckSoon() => ThreadPool.QueueUserWorkItem(static pack => _ = pack.Intact, this, preferLocal: false);

    /// <summary>The entry's payload, checked; null with what is wrong. Thread-safe.</summary>
    public ReadOnlyMemory<byte>? Payload(IndexEntry entry, out string? problem)
    {
        if ((long)entry.Offset + entry.Length > Data.Length)
        {
            problem = $"its pack {entry.Pack} holds {Data.Length} bytes, fewer than the entry's place ends at";
            return null;
        }
        var payload = Data.AsMemory(entry.Offset, entry.Length);
        if (!Intact && !PayloadChecksum.Matches(payload.Span, entry.Checksum))
        {
            problem = "the payload does not match its SHA-256 checksum";
            return null;
        }
        problem = null;
        return payload;
    }
}
