using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Stencil.Testing;

/// <summary>
/// Real npm packages at pinned versions, fetched with <c>npm pack</c> into a folder outside the repository and
/// unpacked there; never committed. A package already unpacked in that folder (by an earlier run) is reused.
/// </summary>
public static class NpmPack
{
    private const string CompleteMarker = ".unpacked";

    /// <summary>The unpacked <c>package/</c> folder of <paramref name="name"/>@<paramref name="version"/> under
    /// <paramref name="downloads"/>.</summary>
    /// <exception cref="NpmPackException">npm failed (registry unreachable, no such version).</exception>
    public static string Fetch(string npm, string downloads, string name, string version)
    {
        var spec = $"{name}@{version}";
        var target = Path.Combine(downloads, spec.Replace('/', '_').Replace('@', '_'));
        var package = Path.Combine(target, "package");
        // The marker is written last, so a run stopped halfway unpacks again instead of reading half a package.
        if (File.Exists(Path.Combine(target, CompleteMarker))) return package;
        Directory.CreateDirectory(target);
        foreach (var old in Directory.GetFiles(target, "*.tgz")) File.Delete(old);
        var start = new ProcessStartInfo(npm) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = target };
        foreach (var a in new[] { "pack", spec, "--silent", "--pack-destination", target }) start.ArgumentList.Add(a);
        using (var process = Process.Start(start)!)
        {
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(180_000)) process.Kill(entireProcessTree: true);
            if (process.ExitCode != 0) throw new NpmPackException($"npm pack {spec} (registry unreachable?): {error.Result.Trim()}");
        }
        var tarball = Directory.GetFiles(target, "*.tgz").Single();
        using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
            TarFile.ExtractToDirectory(gzip, target, overwriteFiles: true);
        File.WriteAllText(Path.Combine(target, CompleteMarker), spec);
        return package;
    }
}

/// <summary>An npm package could not be fetched.</summary>
public sealed class NpmPackException(string message) : Exception(message);
