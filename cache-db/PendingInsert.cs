namespace Stencil.CacheDb;

/// <summary>An entry stored during the open build, written to the file by <see cref="CacheDatabase.Commit"/>.</summary>
internal sealed class PendingInsert(byte[] data, string functionName, string triple, DateTime createdUtc)
{
    public byte[] Data { get; } = data;
    public string FunctionName { get; set; } = functionName;
    public string Triple { get; } = triple;
    public DateTime CreatedUtc { get; } = createdUtc;
    /// <summary>Reuses within the build that stored it (a deduplicated or repeated lookup).</summary>
    public long Hits { get; set; }
    public DateTime LastHitUtc { get; set; }
}
