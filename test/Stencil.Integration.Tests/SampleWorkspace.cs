namespace Stencil.Integration.Tests;

/// <summary>
/// A private copy of a sample project (samples/Checksums unless told otherwise) laid out like a user's repository (its
/// own Directory.*.props and a nuget.config that points at the test feed), built and run with the real dotnet CLI.
/// </summary>
internal sealed class SampleWorkspace
{
    private static readonly string[] SharedSampleFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"];
    private readonly PackageFeed _feed;

    private SampleWorkspace(PackageFeed feed, string root, string projectName)
    {
        _feed = feed;
        Root = root;
        ProjectName = projectName;
    }

    public string Root { get; }
    public string ProjectName { get; }
    public string ProjectDirectory => Path.Combine(Root, ProjectName);
    public string KernelDirectory => Path.Combine(ProjectDirectory, "kernels");
    public string IntermediateDirectory => Path.Combine(ProjectDirectory, "obj", "Debug", "net10.0");
    public string OutputDirectory => Path.Combine(ProjectDirectory, "bin", "Debug", "net10.0");
    public string ObjectFile => Path.Combine(IntermediateDirectory, ProjectName + ".stencil.o");
    public string CacheFile => Path.Combine(IntermediateDirectory, "stencil.cache.db");
    public string SharedLibrary => Path.Combine(OutputDirectory, "lib" + ProjectName + ".so");

    /// <param name="project">The project folder to copy (its name is the project's); samples/Checksums when null.</param>
    public static SampleWorkspace Create(PackageFeed feed, string name, string? project = null)
    {
        project ??= TestEnvironment.SampleDirectory;
        // Every sample build links its object with the system C driver, as the package does by default.
        Prerequisite.RequireAnyTool("cc", "gcc");
        var root = Path.Combine(feed.Root, "work", name);
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);

        var samples = Path.GetDirectoryName(TestEnvironment.SampleDirectory)!;
        foreach (var file in SharedSampleFiles)
            File.Copy(Path.Combine(samples, file), Path.Combine(root, file));
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="stencil-test-feed" value="{feed.FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        var projectName = Path.GetFileName(project);
        CopySources(project, Path.Combine(root, projectName));
        return new SampleWorkspace(feed, root, projectName);
    }

    /// <summary>Every .clif file of the project, in a stable order.</summary>
    public IReadOnlyList<string> Kernels => [.. Directory.GetFiles(KernelDirectory, "*.clif").Order(StringComparer.Ordinal)];

    public string Kernel(string fileName) => Path.Combine(KernelDirectory, fileName);

    /// <summary>How many functions the project's sources define, counted independently of Stencil.</summary>
    public int CountFunctions() =>
        Kernels.Sum(path => File.ReadLines(path).Count(line => line.StartsWith("function ", StringComparison.Ordinal)));

    public ProcessResult Build(params string[] extraArguments) => Build(null, extraArguments);

    /// <param name="environment">Variables for this build on top of the feed's (a CI system's settings, say).</param>
    public ProcessResult Build(IReadOnlyDictionary<string, string>? environment, params string[] extraArguments) =>
        Dotnet.Run(Root,
        [
            "build", Path.Combine(ProjectDirectory, ProjectName + ".csproj"),
            "-nodeReuse:false", "-v:n", "-tl:off",
            // No compiler server: nothing may outlive the build and hold its output pipes open.
            "-p:UseSharedCompilation=false",
            .. extraArguments,
        ], Merge(_feed.BuildEnvironment, environment));

    /// <summary>The feed's variables with <paramref name="overrides"/> on top (they win).</summary>
    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, string>? overrides)
    {
        var merged = variables.ToDictionary();
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
            merged[name] = value;
        return merged;
    }

    /// <summary>Runs the built app from another directory, so the library is found beside the app, not in the cwd.</summary>
    public ProcessResult RunApp() =>
        Dotnet.Run(Root, [Path.Combine(OutputDirectory, ProjectName + ".dll")], timeout: TimeSpan.FromMinutes(1));

    /// <summary>Rewrites a source file; its timestamp is moved past the outputs so MSBuild sees the change.</summary>
    public void Edit(string path, Func<string, string> change)
    {
        var before = File.ReadAllText(path);
        var after = change(before);
        if (after == before)
            throw new InvalidOperationException($"The edit of {Path.GetFileName(path)} changed nothing.");
        File.WriteAllText(path, after);
        Touch(path);
    }

    public void Touch(string path)
    {
        var newest = new[] { ObjectFile, SharedLibrary }.Where(File.Exists).Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue).Max();
        var now = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(path, now > newest ? now : newest.AddSeconds(1));
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(directory);
            // A sample that was built in place has bin/obj; the copy must start clean.
            if (name is "bin" or "obj")
                continue;
            CopySources(directory, Path.Combine(to, name));
        }
    }
}
