namespace Stencil.CacheDb;

/// <summary>Reuses of one entry during the open build, folded into its index entry by <see cref="CacheDatabase.Commit"/>.</summary>
internal readonly record struct PendingHit(long Count, DateTime LastHitUtc, string FunctionName);
