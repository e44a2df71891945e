namespace Stencil.CacheDb;

/// <summary>The outcome of <see cref="CacheDatabase.Verify"/>.</summary>
/// <param name="Checked">Entries examined.</param>
/// <param name="Problems">Entries that are damaged, incomplete or unreadable, ordered by key.</param>
/// <param name="Deleted">How many of the problem entries were removed.</param>
public sealed record CacheVerifyResult(int Checked, IReadOnlyList<CacheVerifyProblem> Problems, int Deleted)
{
    public bool IsHealthy => Problems.Count == 0;
}
