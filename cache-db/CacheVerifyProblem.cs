namespace Stencil.CacheDb;

/// <summary>One entry that failed verification, and why.</summary>
/// <param name="Key">The entry's key hex, or <c>*</c> when the payloads could not all be read (a damaged page).</param>
public sealed record CacheVerifyProblem(string Key, string Reason);
