using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Stencil.Wasm.Runtime.Tests.RealModules;

/// <summary>
/// Real npm packages at pinned versions, fetched at test time with <c>npm pack</c> into a temporary folder outside
/// the repository (once per test run, deleted at its end) and unpacked; never committed. Without npm, or when the
/// registry cannot be reached, the tests that need them are skipped (failed under CI).
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
            var target = Path.Combine(folder.Path, spec.Replace('/', '_').Replace('@', '_'));
            Directory.CreateDirectory(target);
            var start = new ProcessStartInfo(npm) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = target };
            foreach (var a in new[] { "pack", spec, "--silent", "--pack-destination", target }) start.ArgumentList.Add(a);
            using (var process = Process.Start(start)!)
            {
                var error = process.StandardError.ReadToEndAsync();
                process.StandardOutput.ReadToEnd();
                if (!process.WaitForExit(180_000)) process.Kill(entireProcessTree: true);
                if (process.ExitCode != 0) Prerequisite.Missing($"npm pack {spec} (registry unreachable?): {error.Result.Trim()}");
            }
            var tarball = Directory.GetFiles(target, "*.tgz").Single();
            using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
                TarFile.ExtractToDirectory(gzip, target, overwriteFiles: true);
            return Unpacked[spec] = Path.Combine(target, "package");
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
