namespace Stencil.Engine.FileTests;

/// <summary>
/// A <c>MANIFEST.tsv</c> beside a folder of tests: a header row, then <c>file \t tier \t ...</c> rows. Files it does
/// not list fall in the tier <see cref="Unlisted"/>.
/// </summary>
public sealed class TierManifest
{
    public const string FileName = "MANIFEST.tsv";
    public const string Unlisted = "unlisted";

    private readonly Dictionary<string, string> _tiers;

    private readonly string _directory;

    private TierManifest(string directory, Dictionary<string, string> tiers)
    {
        _directory = directory;
        _tiers = tiers;
    }

    /// <summary>The tier names in first-seen order.</summary>
    public IReadOnlyList<string> Tiers => _tiers.Values.Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Reads the manifest in <paramref name="directory"/>, if there is one.</summary>
    public static TierManifest? TryLoad(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        var tiers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length >= 2 && cells[0].Length > 0) tiers[cells[0]] = cells[1];
        }
        return new TierManifest(Path.GetFullPath(directory), tiers);
    }

    /// <summary>The tier of a file, by its path relative to the manifest's folder (<c>x64/fmsub.clif</c>).</summary>
    public string TierOf(string path)
    {
        var relative = Path.GetRelativePath(_directory, Path.GetFullPath(path)).Replace(Path.DirectorySeparatorChar, '/');
        return _tiers.TryGetValue(relative, out var tier) ? tier : Unlisted;
    }

    /// <summary>Outcome totals per tier (native and interpreted outcomes alike), in tier order.</summary>
    public IReadOnlyList<TierSummary> Summarize(IEnumerable<FileTestResult> files, FileTestMode? mode = null)
    {
        var order = Tiers.ToList();
        var byTier = new Dictionary<string, (int P, int F, int U, int Files)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var tier = TierOf(file.Path);
            if (!order.Contains(tier)) order.Add(tier);
            var counted = file.Directives.Where(d => mode is null || d.Mode == mode).ToList();
            byTier.TryGetValue(tier, out var t);
            byTier[tier] = (t.P + counted.Count(d => d.Outcome == DirectiveOutcome.Passed),
                t.F + counted.Count(d => d.Outcome == DirectiveOutcome.Failed),
                t.U + counted.Count(d => d.Outcome == DirectiveOutcome.Unsupported),
                t.Files + 1);
        }
        return order.Where(byTier.ContainsKey).Select(t => new TierSummary(t, byTier[t].Files, byTier[t].P, byTier[t].F, byTier[t].U)).ToArray();
    }
}
