using System.Runtime.CompilerServices;

namespace Stencil.Testing;

/// <summary>
/// The folder holding <c>Build.sln</c>: found upwards from the test assembly, then from this source file for builds
/// whose output lies outside the repository (<c>STENCIL_ARTIFACTS</c>).
/// </summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string?> Found = new(() => Search(SourceFile()));

    /// <summary>The repository root, or null when neither start lies inside a checkout.</summary>
    public static string? Path => Found.Value;

    /// <summary>The repository root; a test run outside any checkout is a broken setup, not a missing prerequisite.</summary>
    public static string Require() =>
        Path ?? throw new DirectoryNotFoundException($"no Build.sln above {AppContext.BaseDirectory} or {SourceFile()}");

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Require(), .. parts]);

    private static string? Search(string sourceFile)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Path.GetDirectoryName(sourceFile) ?? "" })
            for (var dir = start.Length == 0 ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Build.sln"))) return dir.FullName;
        return null;
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
