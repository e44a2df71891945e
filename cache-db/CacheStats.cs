namespace Stencil.CacheDb;

/// <summary>
/// A summary of a cache file for <c>stencil cache stats</c>; a plain record so it serializes to JSON as is.
/// Counts cover what was committed, not the changes of a build still in progress.
/// </summary>
/// <param name="FileBytes">Size of the data file on disk.</param>
/// <param name="JournalBytes">Size of LiteDB's <c>-log</c> file; zero once a build has committed and closed.</param>
/// <param name="PayloadBytes">Sum of the encoded compiled stencils.</param>
/// <param name="TotalHits">Sum of <see cref="BuildRecord.Hits"/> over the recorded history.</param>
/// <param name="TotalMisses">Sum of <see cref="BuildRecord.Misses"/> over the recorded history.</param>
/// <param name="Triples">Entries per target triple, ordered by triple.</param>
public sealed record CacheStats(
    string Path,
    int SchemaVersion,
    long FileBytes,
    long JournalBytes,
    int Entries,
    long PayloadBytes,
    int Builds,
    long TotalHits,
    long TotalMisses,
    DateTime? OldestEntryUtc,
    DateTime? NewestEntryUtc,
    DateTime? LastBuildUtc,
    IReadOnlyList<TripleStats> Triples)
{
    /// <summary>Documents the payloads are stored in, and their bytes (payloads plus space not yet reclaimed).</summary>
    public int Packs { get; init; }
    public long PackBytes { get; init; }
    /// <summary>Build manifests kept (one per project, target and compiler), and their bytes.</summary>
    public int Manifests { get; init; }
    public long ManifestBytes { get; init; }
    /// <summary>Sums of <see cref="BuildRecord.RemoteHits"/> and <see cref="BuildRecord.RemoteMisses"/> over the recorded history.</summary>
    public long TotalRemoteHits { get; init; }
    public long TotalRemoteMisses { get; init; }
}
