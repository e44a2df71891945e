namespace Stencil.CacheDb;

/// <summary>
/// An inspection or maintenance command (stats, list, trim, clear, verify) could not read or write the cache file.
/// Lookups and inserts never throw this: for them every problem is a warning and a miss.
/// </summary>
public sealed class CacheDatabaseException : Exception
{
    public CacheDatabaseException(string message, Exception? inner = null) : base(message, inner) { }
}
