using System.Text.RegularExpressions;

namespace Stencil.Integration.Tests;

/// <summary>
/// A throw-away NuGet feed holding Stencil.Build packed from the current build, and a private global-packages
/// folder, so every test run consumes exactly the package it just packed and never a stale cached copy.
/// </summary>
internal sealed partial class PackageFeed
{
    private PackageFeed(string root, string version)
    {
        Root = root;
        Version = version;
    }

    public string Root { get; }
    public string FeedDirectory => Path.Combine(Root, "feed");
    public string PackagesDirectory => Path.Combine(Root, "packages");
    public string Version { get; }

    public static PackageFeed Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "stencil-it-" + Guid.NewGuid().ToString("N")[..12]);
        var feed = Path.Combine(root, "feed");
        Directory.CreateDirectory(feed);

        // The solution build has already built Stencil.Build (this project depends on it); packing without
        // building reuses those outputs instead of racing other test projects for the same obj folders.
        var arguments = new List<string>
        {
            "pack", Path.Combine(TestEnvironment.RepositoryRoot, "msbuild-task", "Stencil.Build.csproj"),
            "--no-build", "-c", TestEnvironment.Configuration, "-o", feed, "-nodeReuse:false", "-tl:off",
        };
        if (TestEnvironment.ArtifactsPath is { } artifacts)
            arguments.AddRange(["--artifacts-path", artifacts]);

        var pack = Dotnet.Run(TestEnvironment.RepositoryRoot, arguments);
        if (pack.ExitCode != 0)
            throw new InvalidOperationException("Packing Stencil.Build failed. " + pack.Describe());

        var package = Directory.GetFiles(feed, "Stencil.Build.*.nupkg").SingleOrDefault()
            ?? throw new InvalidOperationException("dotnet pack produced no Stencil.Build package. " + pack.Describe());
        var version = PackageVersion().Match(Path.GetFileName(package)).Groups["version"].Value;
        return new PackageFeed(root, version);
    }

    /// <summary>The environment every build against this feed runs with.</summary>
    public IReadOnlyDictionary<string, string> BuildEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = PackagesDirectory,
        // samples/Directory.Build.props reads this to pick the package version.
        ["StencilBuildVersion"] = Version,
        // No compiler server unless a test asks for one (ServerFolder): nothing may outlive a test run.
        ["StencilUseServer"] = "false",
    };

    public void Delete()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"^Stencil\.Build\.(?<version>.+)\.nupkg$")]
    private static partial Regex PackageVersion();
}
