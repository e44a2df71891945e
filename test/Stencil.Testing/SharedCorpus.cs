namespace Stencil.Testing;

/// <summary>
/// External conformance corpora, read-only and never copied into the repository: <c>../shared/conformance/&lt;name&gt;</c>
/// next to the folder holding <c>Build.sln</c>. The environment variable <c>STENCIL_SHARED</c>, when set, names the
/// <c>shared</c> folder instead (e.g. <c>/nonexistent</c> to see how the tests behave without it).
/// </summary>
public static class SharedCorpus
{
    public const string OverrideVariable = "STENCIL_SHARED";

    /// <summary>The corpus folder, or null when it is not there.</summary>
    public static string? Find(string name)
    {
        var shared = Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } overridden
            ? overridden
            : RepositoryRoot.Path is { } root ? Path.Combine(root, "..", "shared") : null;
        if (shared is null) return null;
        var folder = Path.GetFullPath(Path.Combine(shared, "conformance", name));
        return Directory.Exists(folder) ? folder : null;
    }

    /// <summary>The corpus folder; when it is absent the test is skipped (failed under <c>CI=true</c>).</summary>
    public static string Require(string name) =>
        Find(name) ?? Stop(name);

    private static string Stop(string name)
    {
        Prerequisite.Missing($"the conformance corpus `{name}` (../shared/conformance/{name} beside the folder holding Build.sln, or ${OverrideVariable}/conformance/{name})");
        return "";
    }
}
