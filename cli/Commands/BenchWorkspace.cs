namespace Stencil.Cli.Commands;

/// <summary>A temporary directory for one benchmark run: source folders, cache files and objects; deleted on dispose.</summary>
public sealed class BenchWorkspace : IDisposable
{
    public BenchWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "stencil-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Writes <paramref name="texts"/> as <c>{folder}/part-NN.clif</c> and returns their paths in order.</summary>
    public IReadOnlyList<string> WriteSources(string folder, IReadOnlyList<string> texts, string filePrefix = "part")
    {
        var dir = PathOf(folder);
        Directory.CreateDirectory(dir);
        var paths = new string[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            paths[i] = Path.Combine(dir, $"{filePrefix}-{i:D2}.clif");
            File.WriteAllText(paths[i], texts[i]);
        }
        return paths;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* a leftover temp folder is harmless */ }
    }
}
