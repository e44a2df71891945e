using LiteDB;

namespace Stencil.CacheDb;

/// <summary>
/// The layout of a cache file (see README.md). LiteDB is used as a transactional store of a few large documents
/// rather than one document per entry: a LiteDB point lookup or update costs tens of microseconds, so a build that
/// touched thousands of entries one document at a time spent more on bookkeeping than a cached build should take in
/// all. Entries live in 16 binary index shards (<see cref="IndexShardCodec"/>), their code in packs of concatenated
/// payloads, and the pack and manifest directory in one catalog: a build reads and writes a handful of documents
/// whatever its size. Times are stored as UTC ticks: LiteDB's own date type keeps milliseconds and converts to local time.
/// </summary>
internal static class CacheSchema
{
    public const string Format = "stencil-compiled-stencil-cache";
    public const int Version = 2;

    public const string MetaCollection = "meta";
    public const string IndexCollection = "index";
    public const string PacksCollection = "packs";
    public const string ManifestsCollection = "manifests";
    public const string BuildsCollection = "builds";

    public const string MetaId = "schema";
    public const string CatalogId = "catalog";
    public const string UsageId = "usage";
    public const string DataField = "data";
    /// <summary>A pack's SHA-256 of its data (packs written before it existed have none, and are checked entry by entry).</summary>
    public const string SealField = "seal";

    public static class Meta
    {
        public const string FormatField = "format";
        public const string VersionField = "version";
        public const string Created = "created";
    }

    public static class Build
    {
        public const string Project = "project";
        public const string Started = "started";
        public const string Finished = "finished";
        public const string Functions = "functions";
        public const string Hits = "hits";
        public const string Misses = "misses";
        public const string Deduplicated = "deduplicated";
        public const string ElapsedMs = "elapsedMs";
        // Absent from records written before remote caches (they read as zero).
        public const string RemoteHits = "remoteHits";
        public const string RemoteMisses = "remoteMisses";
    }

    public static BsonDocument NewMeta(DateTime nowUtc) => new()
    {
        ["_id"] = MetaId,
        [Meta.FormatField] = Format,
        [Meta.VersionField] = Version,
        [Meta.Created] = nowUtc.Ticks,
    };

    /// <summary>Why a meta document does not describe a cache this code can use, or null when it does.</summary>
    public static string? CheckMeta(BsonDocument? meta)
    {
        if (meta is null) return "it is a LiteDB database but not a Stencil cache (no schema document)";
        var format = meta[Meta.FormatField];
        if (!format.IsString || format.AsString != Format)
            return $"it is not a Stencil cache (format '{(format.IsString ? format.AsString : format.ToString())}')";
        var version = meta[Meta.VersionField];
        if (!version.IsInt32 || version.AsInt32 != Version)
            return $"its schema version {version} is not the supported version {Version}";
        return null;
    }

    /// <summary>A document holding one binary blob (index shards, packs, manifests, the catalog).</summary>
    public static BsonDocument Blob(BsonValue id, byte[] data) => new() { ["_id"] = id, [DataField] = data };

    /// <summary>A pack document: its payloads and their seal, which lets a build check the pack once instead of every payload.</summary>
    public static BsonDocument Pack(long id, byte[] data) => new()
    {
        ["_id"] = id,
        [DataField] = data,
        [SealField] = System.Security.Cryptography.SHA256.HashData(data),
    };

    /// <summary>The pack a document holds, or null when it holds none.</summary>
    public static StoredPack? PackOf(BsonDocument? document) =>
        BlobOf(document) is { } data ? new StoredPack(data, document![SealField] is { IsBinary: true } seal ? seal.AsBinary : null) : null;

    /// <summary>The blob of a document, or null when the document has none.</summary>
    public static byte[]? BlobOf(BsonDocument? document) =>
        document is not null && document[DataField] is { IsBinary: true } data ? data.AsBinary : null;

    public static BsonDocument NewBuild(BuildRecord record) => new()
    {
        [Build.Project] = record.ProjectName ?? "",
        [Build.Started] = ToUtc(record.StartedUtc).Ticks,
        [Build.Finished] = ToUtc(record.FinishedUtc).Ticks,
        [Build.Functions] = record.Functions,
        [Build.Hits] = record.Hits,
        [Build.Misses] = record.Misses,
        [Build.Deduplicated] = record.Deduplicated,
        [Build.ElapsedMs] = record.ElapsedMs,
        [Build.RemoteHits] = record.RemoteHits,
        [Build.RemoteMisses] = record.RemoteMisses,
    };

    public static BuildRecord ToBuildRecord(BsonDocument build) => new(
        Text(build, Build.Project),
        Time(Int64(build, Build.Started)),
        Time(Int64(build, Build.Finished)),
        (int)Int64(build, Build.Functions),
        (int)Int64(build, Build.Hits),
        (int)Int64(build, Build.Misses),
        (int)Int64(build, Build.Deduplicated),
        Int64(build, Build.ElapsedMs),
        (int)Int64(build, Build.RemoteHits),
        (int)Int64(build, Build.RemoteMisses));

    public static string Text(BsonDocument document, string field)
    {
        var value = document[field];
        return value.IsString ? value.AsString : "";
    }

    /// <summary>Reads a number field tolerantly: a field of the wrong type reads as zero instead of throwing.</summary>
    public static long Int64(BsonDocument document, string field)
    {
        var value = document[field];
        return value.IsInt64 ? value.AsInt64 : value.IsInt32 ? value.AsInt32 : 0;
    }

    public static DateTime Time(long ticks) =>
        ticks is > 0 and <= 3155378975999999999 ? new DateTime(ticks, DateTimeKind.Utc) : DateTime.MinValue;

    private static DateTime ToUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
