namespace Stencil.Wasm.Runtime.Tests.RealModules;

/// <summary>
/// Real npm packages at pinned versions (<see cref="NpmPack"/>), fetched at test time into a temporary folder (once
/// per test run, deleted at its end). Without npm, or when the registry cannot be reached, the tests that need them
/// are skipped (failed under CI).
/// </summary>
internal static class NpmPackages
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Unpacked = [];
    private static TempDirectory? folder;

    /// <summary>The unpacked <c>package/</c> folder of <paramref name="name"/>@<paramref name="version"/>.</summary>
    public static string Fetch(string name, string version)
    {
        var npm = Prerequisite.RequireTool("npm");
        lock (Gate)
        {
            var spec = $"{name}@{version}";
            if (Unpacked.TryGetValue(spec, out var done)) return done;
            folder ??= new TempDirectory("stencil-npm");
            try
            {
                return Unpacked[spec] = NpmPack.Fetch(npm, folder.Path, name, version);
            }
            catch (NpmPackException e)
            {
                Prerequisite.Missing(e.Message);
                throw;
            }
        }
    }

    public static void Cleanup()
    {
        lock (Gate)
        {
            folder?.Dispose();
            folder = null;
            Unpacked.Clear();
        }
    }
}

[TestClass]
public static class NpmPackagesCleanup
{
    [AssemblyCleanup]
    public static void Cleanup() => NpmPackages.Cleanup();
}
