using LiteDB;

namespace Stencil.CacheDb;

/// <summary>
/// The layout of a cache file. Metadata and payloads live in two collections keyed by the same id so that
/// listing entries and recording hits never read or rewrite payload pages: a build records thousands of hits.
/// Ids are the 64-character lower-case hex of the key rather than its 32 raw bytes because the inspection
/// tools look entries up by a typed prefix, which a string index answers as a range scan.
/// Times are stored as UTC ticks: LiteDB's own date type keeps milliseconds and converts to local time.
/// </summary>
internal static class CacheSchema
{
    public const string Format = "stencil-compiled-stencil-cache";
    public const int Version = 1;

    public const string MetaCollection = "meta";
    public const string EntriesCollection = "entries";
    public const string PayloadsCollection = "payloads";
    public const string BuildsCollection = "builds";

    public const string MetaId = "schema";

    public static class Meta
    {
        public const string FormatField = "format";
        public const string VersionField = "version";
        public const string Created = "created";
    }

    public static class Entry
    {
        public const string Name = "name";
        public const string Triple = "triple";
        public const string Size = "size";
        public const string Created = "created";
        public const string LastHit = "lastHit";
        public const string Hits = "hits";
        public const string BuildId = "buildId";
    }

    public static class Payload
    {
        public const string Data = "data";
        public const string Length = "length";
        public const string Sha256 = "sha256";
        public const string BuildId = "buildId";
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

    public static BsonDocument NewEntry(string id, string name, string triple, long size, DateTime createdUtc, string buildId) => new()
    {
        ["_id"] = id,
        [Entry.Name] = name,
        [Entry.Triple] = triple,
        [Entry.Size] = size,
        [Entry.Created] = createdUtc.Ticks,
        [Entry.LastHit] = 0L,
        [Entry.Hits] = 0L,
        [Entry.BuildId] = buildId,
    };

    public static BsonDocument NewPayload(string id, byte[] data, string buildId) => new()
    {
        ["_id"] = id,
        [Payload.Data] = data,
        [Payload.Length] = data.Length,
        [Payload.Sha256] = PayloadChecksum.Compute(data),
        [Payload.BuildId] = buildId,
    };

    /// <summary>Why a payload document is damaged, or null when its data matches its stored length and checksum.</summary>
    public static string? CheckPayload(BsonDocument payload, out byte[] data)
    {
        data = [];
        var stored = payload[Payload.Data];
        if (!stored.IsBinary) return "the payload is missing";
        data = stored.AsBinary;
        var length = payload[Payload.Length];
        if (!length.IsInt32 || length.AsInt32 != data.Length)
            return $"the payload has {data.Length} bytes but {length} were stored";
        var checksum = payload[Payload.Sha256];
        if (!checksum.IsBinary || !PayloadChecksum.Matches(data, checksum.AsBinary))
            return "the payload does not match its SHA-256 checksum";
        return null;
    }

    public static CacheEntrySummary ToSummary(BsonDocument entry)
    {
        var lastHit = Int64(entry, Entry.LastHit);
        return new CacheEntrySummary(
            entry["_id"].IsString ? entry["_id"].AsString : entry["_id"].ToString(),
            Text(entry, Entry.Name),
            Int64(entry, Entry.Size),
            Text(entry, Entry.Triple),
            Time(Int64(entry, Entry.Created)),
            lastHit > 0 ? Time(lastHit) : null,
            Int64(entry, Entry.Hits),
            Text(entry, Entry.BuildId));
    }

    /// <summary>When an entry was last of use: its last hit, or its creation when it was never hit.</summary>
    public static long LastUseTicks(BsonDocument entry)
    {
        var lastHit = Int64(entry, Entry.LastHit);
        return lastHit > 0 ? lastHit : Int64(entry, Entry.Created);
    }

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
    };

    public static BuildRecord ToBuildRecord(BsonDocument build) => new(
        Text(build, Build.Project),
        Time(Int64(build, Build.Started)),
        Time(Int64(build, Build.Finished)),
        (int)Int64(build, Build.Functions),
        (int)Int64(build, Build.Hits),
        (int)Int64(build, Build.Misses),
        (int)Int64(build, Build.Deduplicated),
        Int64(build, Build.ElapsedMs));

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
