namespace Stencil.CacheDb;

/// <summary>How many entries, and how many payload bytes, one target triple has in a cache.</summary>
public sealed record TripleStats(string Triple, int Entries, long PayloadBytes);
