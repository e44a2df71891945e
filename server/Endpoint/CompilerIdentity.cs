using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;

namespace Stencil.Server.Endpoint;

/// <summary>
/// Who the compiler is: its version and a hash of the content of its assemblies (the server and every layer it runs),
/// read from the folder this assembly was loaded from. A new package, or any rebuilt layer, is another identity, so a
/// build never talks to a server running other code. The task and the CLI carry the same assemblies, so built from the
/// same sources they share a server.
/// <para>
/// An assembly's content is stood for by its module version id: the build is deterministic, so the compiler derives
/// the id from the assembly's content (a ReadyToRun image keeps its IL's), and reading it costs a few hundred bytes
/// per file instead of hashing megabytes on every build.
/// </para>
/// </summary>
public static class CompilerIdentity
{
    /// <summary>The assemblies whose bytes make the compiler (third-party versions are recorded in their references).</summary>
    private static readonly string[] Assemblies =
        ["Stencil.Server", "Stencil.Engine", "Stencil.Isa", "Stencil.Ir", "Stencil.CacheDb", "Stencil.RemoteCache"];

    private static readonly Lazy<string> s_current = new(() => Compute(AssemblyDirectory));

    /// <summary>This process's compiler identity, <c>VERSION+HASH</c>.</summary>
    public static string Current => s_current.Value;

    /// <summary>The folder holding the compiler's assemblies (and the server's entry point, <c>Stencil.Server.dll</c>).</summary>
    public static string AssemblyDirectory => Path.GetDirectoryName(typeof(CompilerIdentity).Assembly.Location) ?? AppContext.BaseDirectory;

    public static string Compute(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in Assemblies)
        {
            var path = Path.Combine(directory, name + ".dll");
            hash.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            hash.AppendData(File.Exists(path) ? ModuleVersionId(path).ToByteArray() : []);
        }
        var version = typeof(CompilerIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        // The SDK appends the source revision to the informational version ("0.1.0+abc..."); the content hash says more.
        var plus = version.IndexOf('+');
        return (plus < 0 ? version : version[..plus]) + "+" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static Guid ModuleVersionId(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }
}
