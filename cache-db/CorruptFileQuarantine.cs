using System.Globalization;

namespace Stencil.CacheDb;

/// <summary>
/// Moves an unusable cache file aside instead of deleting it, so that someone can still look at what went wrong,
/// and keeps only the newest few such files so a cache that keeps breaking cannot fill the disk.
/// </summary>
internal static class CorruptFileQuarantine
{
    public const int Keep = 2;
    private const string Marker = ".corrupt-";
    private const string JournalSuffix = ".log";

    /// <summary>
    /// Moves the data file (when <paramref name="includeData"/>) and the journal aside under one
    /// <c>&lt;path&gt;.corrupt-&lt;yyyyMMddHHmmss&gt;</c> name; returns that name. Throws when a file cannot be moved.
    /// </summary>
    public static string MoveAside(CacheFiles files, DateTimeOffset now, bool includeData)
    {
        var aside = UniqueName(files.Data, now);
        if (includeData && File.Exists(files.Data)) File.Move(files.Data, aside);
        if (File.Exists(files.Journal)) File.Move(files.Journal, aside + JournalSuffix);
        Prune(files.Data);
        return aside;
    }

    private static string UniqueName(string dataPath, DateTimeOffset now)
    {
        var stem = dataPath + Marker + now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var candidate = stem;
        for (var n = 1; File.Exists(candidate) || File.Exists(candidate + JournalSuffix); n++)
            candidate = stem + "-" + n.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }

    /// <summary>Deletes all but the newest <see cref="Keep"/> quarantined files (with their journals).</summary>
    private static void Prune(string dataPath)
    {
        var directory = Path.GetDirectoryName(dataPath) ?? ".";
        var prefix = Path.GetFileName(dataPath) + Marker;
        var stale = Directory.EnumerateFiles(directory, prefix + "*")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Select(name => name.EndsWith(JournalSuffix, StringComparison.Ordinal) ? name[..^JournalSuffix.Length] : name)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(name => name, QuarantineNameComparer.Instance)
            .Skip(Keep);
        foreach (var name in stale)
        {
            TryDelete(Path.Combine(directory, name));
            TryDelete(Path.Combine(directory, name + JournalSuffix));
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A quarantined file we cannot delete costs disk space, not correctness.
        }
    }

    /// <summary>Orders "…-20260101000000" before "…-20260101000000-2" before "…-20260101000000-10".</summary>
    private sealed class QuarantineNameComparer : IComparer<string>
    {
        public static readonly QuarantineNameComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var (xs, xn) = Split(x ?? "");
            var (ys, yn) = Split(y ?? "");
            var c = string.CompareOrdinal(xs, ys);
            return c != 0 ? c : xn.CompareTo(yn);
        }

        private static (string Stamp, int Number) Split(string name)
        {
            var marker = name.LastIndexOf(Marker, StringComparison.Ordinal);
            var tail = marker >= 0 ? name[(marker + Marker.Length)..] : name;
            var dash = tail.IndexOf('-');
            if (dash < 0) return (tail, 0);
            return int.TryParse(tail[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? (tail[..dash], n) : (tail, 0);
        }
    }
}
