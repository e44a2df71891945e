using System.Text;

namespace Stencil.Testing;

/// <summary>
/// A checked-in list of exactly what is expected not to pass, one <see cref="Expectation"/> per line
/// (<c>key TAB outcome TAB reason</c>, <c>#</c> starts a comment), under <c>test/expectations/</c>. <see cref="Check"/>
/// fails on any difference, naming each entry: a new failure, a listed entry that now passes, or one that ends
/// differently. With <c>STENCIL_BLESS=1</c> (the switch the file tests use) it rewrites the file, sorted, for review instead.
/// </summary>
public static class ExpectationsFile
{
    public const string BlessVariable = "STENCIL_BLESS";

    public static bool Blessing => Environment.GetEnvironmentVariable(BlessVariable) == "1";

    /// <summary>The file's full path from its path under <c>test/expectations</c>, e.g. <c>cranelift-runtests/native.tsv</c>.</summary>
    public static string PathOf(string relativePath) => RepositoryRoot.Combine("test", "expectations", relativePath);

    /// <summary>The entries of a file; none when it does not exist yet.</summary>
    public static IReadOnlyList<Expectation> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var entries = new List<Expectation>();
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            if (cells.Length != 3) throw new FormatException($"{path}:{number}: an entry is `key<TAB>outcome<TAB>reason`, got `{line}`");
            entries.Add(new Expectation(cells[0], cells[1], cells[2]));
        }
        return entries;
    }

    /// <summary>
    /// Compares <paramref name="actual"/> with the file <paramref name="relativePath"/> and fails with every difference;
    /// or, when blessing, rewrites the file with <paramref name="description"/> as its comment header and returns the
    /// differences it accepted. Returns the (empty) differences when the two agree.
    /// </summary>
    public static IReadOnlyList<string> Check(string relativePath, IEnumerable<Expectation> actual, string description)
    {
        var path = PathOf(relativePath);
        var sorted = Sort(actual);
        var duplicates = sorted.GroupBy(e => e.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) Assert.Fail($"{relativePath}: keys must be unique, these repeat: {string.Join(", ", duplicates)}");
        var differences = Differences(Read(path), sorted).ToList();
        // Even "everything passes" is written down, so an empty list is a checked claim, not a forgotten file.
        if (!File.Exists(path)) differences.Insert(0, $"missing file: {path}");
        if (differences.Count == 0) return differences;
        if (Blessing)
        {
            Write(path, sorted, description);
            return differences;
        }
        Assert.Fail($"{differences.Count} difference(s) from test/expectations/{relativePath} ({BlessVariable}=1 rewrites it for review):\n" + string.Join("\n", differences));
        return differences;
    }

    /// <summary>Every entry that is new, gone or changed, in key order.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<Expectation> expected, IReadOnlyList<Expectation> actual)
    {
        var wanted = new Dictionary<string, Expectation>(StringComparer.Ordinal);
        foreach (var e in expected) wanted[e.Key] = e;
        var got = new Dictionary<string, Expectation>(StringComparer.Ordinal);
        foreach (var a in actual) got[a.Key] = a;
        var differences = new List<string>();
        foreach (var key in Sort(wanted.Values.Concat(got.Values)).Select(e => e.Key).Distinct(StringComparer.Ordinal))
        {
            bool listed = wanted.TryGetValue(key, out var w), seen = got.TryGetValue(key, out var g);
            if (listed && !seen) differences.Add($"new pass: {key} (listed as {w!.Outcome}: {w.Reason})");
            else if (!listed) differences.Add($"new {g!.Outcome}: {key}: {g.Reason}");
            else if (w!.Outcome != g!.Outcome || w.Reason != g.Reason)
                differences.Add($"changed: {key}: listed as {w.Outcome}: {w.Reason}; now {g.Outcome}: {g.Reason}");
        }
        return differences;
    }

    /// <summary>By key, with the line number after a colon compared as a number (<c>a.clif:9</c> before <c>a.clif:10</c>).</summary>
    public static IReadOnlyList<Expectation> Sort(IEnumerable<Expectation> entries) =>
        entries.OrderBy(e => KeyFile(e.Key), StringComparer.Ordinal).ThenBy(e => KeyLine(e.Key)).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();

    private static void Write(string path, IReadOnlyList<Expectation> entries, string description)
    {
        var text = new StringBuilder();
        foreach (var line in description.Split('\n')) text.Append("# ").Append(line.TrimEnd()).Append('\n');
        text.Append("# key\toutcome\treason; ").Append(BlessVariable).Append("=1 rewrites this file.\n");
        foreach (var e in entries) text.Append(e).Append('\n');
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
    }

    private static string KeyFile(string key)
    {
        int colon = key.LastIndexOf(':');
        return colon > 0 && int.TryParse(key.AsSpan(colon + 1), out _) ? key[..colon] : key;
    }

    private static int KeyLine(string key)
    {
        int colon = key.LastIndexOf(':');
        return colon > 0 && int.TryParse(key.AsSpan(colon + 1), out var line) ? line : 0;
    }
}
