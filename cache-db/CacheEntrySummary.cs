namespace Stencil.CacheDb;

/// <summary>What the inspection tools show about one entry (never the payload itself).</summary>
/// <param name="Key">The 64-character lower-case hex of the cache key.</param>
/// <param name="FunctionName">The name the function had when it was last looked up or stored.</param>
/// <param name="LastHitUtc">Null when the entry was never reused.</param>
public sealed record CacheEntrySummary(
    string Key,
    string FunctionName,
    long Size,
    string Triple,
    DateTime CreatedUtc,
    DateTime? LastHitUtc,
    long HitCount,
    string BuildId);
