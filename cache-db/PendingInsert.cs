namespace Stencil.CacheDb;

/// <summary>An entry stored during the open build, written to the file by <see cref="CacheDatabase.Commit"/>.</summary>
internal readonly record struct PendingInsert(byte[] Data, string FunctionName, string Triple, DateTime CreatedUtc);
