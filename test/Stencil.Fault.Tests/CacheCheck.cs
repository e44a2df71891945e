using Stencil.CacheDb;

namespace Stencil.Fault.Tests;

/// <summary>Looks at a cache file the way <c>stencil cache verify</c> does, without changing it.</summary>
internal static class CacheCheck
{
    /// <summary>Fails unless the cache opens and every entry reads back with its checksum; returns the entry count.</summary>
    public static int AssertHealthy(string cachePath, string what)
    {
        var warnings = new List<string>();
        using var database = CacheDatabase.TryOpen(cachePath, warnings.Add, new CacheOpenOptions { ReadOnly = true });
        Assert.IsNotNull(database, $"{what}: the cache cannot be opened: {string.Join(" | ", warnings)}");
        Assert.IsEmpty(warnings, $"{what}: opening the cache warned: {string.Join(" | ", warnings)}");
        var result = database.Verify();
        Assert.IsTrue(result.IsHealthy,
            $"{what}: the cache is not healthy: {string.Join("; ", result.Problems.Select(p => $"{p.Key}: {p.Reason}"))}");
        return result.Checked;
    }

    /// <summary>Files set aside as damaged next to <paramref name="cachePath"/>.</summary>
    public static string[] Quarantined(string cachePath) =>
        Directory.GetFiles(Path.GetDirectoryName(cachePath)!, Path.GetFileName(cachePath) + ".corrupt-*");

    /// <summary>How many builds the cache's history records.</summary>
    public static int Builds(string cachePath)
    {
        using var database = CacheDatabase.TryOpen(cachePath, _ => { }, new CacheOpenOptions { ReadOnly = true });
        Assert.IsNotNull(database, "the cache cannot be opened");
        return database.GetHistory(int.MaxValue).Count;
    }
}
