namespace Stencil.Testing;

/// <summary>
/// What a test needs from its environment but cannot provide itself (a corpus beside the repository, a system tool).
/// When it is missing the test reports skipped (inconclusive), never passed; under <c>CI=true</c> it fails, so CI
/// cannot go green without its oracles.
/// </summary>
public static class Prerequisite
{
    /// <summary>Whether this run is CI's (the environment variable <c>CI</c> is <c>true</c>).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stops the test: skipped, or failed under CI. <paramref name="what"/> names what is missing.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Missing(string what)
    {
        if (IsCi) Assert.Fail($"prerequisite missing under CI=true: {what}");
        Assert.Inconclusive($"prerequisite missing: {what}");
    }

    /// <summary>The full path of <paramref name="name"/> on <c>PATH</c>, or the test stops as <see cref="Missing"/>.</summary>
    public static string RequireTool(string name) =>
        TryFindTool(name, out var path) ? path : Fail<string>($"`{name}` on PATH");

    /// <summary>The first of <paramref name="names"/> found on <c>PATH</c>, or the test stops as <see cref="Missing"/>.</summary>
    public static string RequireAnyTool(params string[] names)
    {
        foreach (var name in names)
            if (TryFindTool(name, out var path)) return path;
        return Fail<string>($"one of `{string.Join("`, `", names)}` on PATH");
    }

    public static bool TryFindTool(string name, out string path)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            path = System.IO.Path.Combine(dir, name);
            if (File.Exists(path)) return true;
        }
        path = "";
        return false;
    }

    private static T Fail<T>(string what)
    {
        Missing(what);
        return default!;
    }
}
