using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Runtime;

namespace Stencil.Benchmarks.Wasm;

/// <summary>The runtime a timing ran on, in one line for the report: the JIT mode, whether the compiler's assemblies
/// are ReadyToRun images (a Debug build or StencilReadyToRun=false leaves IL), and the GC's settings. Each moves the
/// figures by more than most changes to the compiler, so a figure without them cannot be compared.</summary>
internal static class RuntimeMode
{
    private static readonly string[] CompilerAssemblies = ["Stencil.Ir", "Stencil.Isa", "Stencil.Engine", "Stencil.Wasm"];

    public static string Describe()
    {
        bool tiered = Enabled("TieredCompilation", "System.Runtime.TieredCompilation");
        bool pgo = tiered && Enabled("TieredPGO", "System.Runtime.TieredPGO");
        string jit = !tiered ? "JIT untiered" : pgo ? "JIT tiered with PGO" : "JIT tiered without PGO";
        string gc = $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {GCSettings.LatencyMode}";
        if (Setting("GCGen0MaxBudget", "System.GC.Gen0MaxBudget") is { } budget) gc += $", gen0 budget {budget}";
        return $"{jit}; compiler assemblies {Images()}; {gc}";
    }

    private static string Images()
    {
        var r2r = CompilerAssemblies.Where(IsReadyToRun).ToList();
        return r2r.Count == CompilerAssemblies.Length ? "ReadyToRun" : r2r.Count == 0 ? "IL" : $"partly ReadyToRun ({string.Join(", ", r2r)})";
    }

    /// <summary>Crossgen leaves a managed native header in the image; IL has none.</summary>
    private static bool IsReadyToRun(string name)
    {
        using var pe = new PEReader(File.OpenRead(Assembly.Load(name).Location));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static bool Enabled(string variable, string property) =>
        Setting(variable, property) is not { } value || value is not ("0" or "false" or "False");

    /// <summary>An environment variable overrides the runtime configuration, as the runtime reads them.</summary>
    private static string? Setting(string variable, string property) =>
        Environment.GetEnvironmentVariable("DOTNET_" + variable) ?? Environment.GetEnvironmentVariable("COMPlus_" + variable)
        ?? AppContext.GetData(property)?.ToString();
}
