using System.Text.RegularExpressions;

namespace Stencil.Testing;

/// <summary>hash-wasm's modules (sha256, blake3, argon2, ...): the package ships no <c>.wasm</c> files, each module's
/// bytes are base64 inside <c>dist/index.umd.js</c> beside a <c>name$N</c> variable naming it.</summary>
public static partial class HashWasmModules
{
    public const string Package = "hash-wasm";
    public const string Version = "4.13.0";

    /// <summary>Every module in the unpacked package folder, by name, in name order.</summary>
    public static SortedDictionary<string, byte[]> Extract(string packageFolder)
    {
        var script = File.ReadAllText(Path.Combine(packageFolder, "dist", "index.umd.js"));
        var names = NameLine().Matches(script).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var modules = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (Match m in DataLine().Matches(script))
            modules[names[m.Groups[1].Value]] = Convert.FromBase64String(m.Groups[2].Value);
        return modules;
    }

    [GeneratedRegex(@"var name(\$\w*) = ""([^""]+)"";")]
    private static partial Regex NameLine();

    [GeneratedRegex(@"var data(\$\w*) = ""(AGFzbQ[A-Za-z0-9+/=]+)"";")]
    private static partial Regex DataLine();
}
