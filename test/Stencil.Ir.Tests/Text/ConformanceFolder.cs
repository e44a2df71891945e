using System.Runtime.CompilerServices;

namespace Stencil.Ir.Tests.Text;

/// <summary>Finds the shared Cranelift run tests: next to the repository (the folder holding Build.sln), in <c>../shared/conformance/cranelift-runtests</c>.</summary>
internal static class ConformanceFolder
{
    public static string? Find([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Build.sln"))) continue;
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "cranelift-runtests"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }
        return null;
    }

    /// <summary>File name → tier from MANIFEST.tsv (<c>scalar</c>, <c>scalar-i128</c>, <c>later</c>).</summary>
    public static Dictionary<string, string> Tiers(string folder)
    {
        var tiers = new Dictionary<string, string>(StringComparer.Ordinal);
        var manifest = Path.Combine(folder, "MANIFEST.tsv");
        if (!File.Exists(manifest)) return tiers;
        var lines = File.ReadAllLines(manifest);
        if (lines.Length == 0) return tiers;
        int tierColumn = Array.IndexOf(lines[0].Split('\t'), "tier");
        foreach (var line in lines.Skip(1))
        {
            var cols = line.Split('\t');
            if (tierColumn >= 0 && cols.Length > tierColumn) tiers[cols[0]] = cols[tierColumn];
        }
        return tiers;
    }
}
