using System.Reflection;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime.Hosting;

/// <summary>
/// The <c>.wasm</c> files a project's build embedded in its assembly (the generated binding classes read their module's
/// segments, globals and exports from them; the code itself is in the project's shared library).
/// </summary>
public static class EmbeddedModules
{
    /// <summary>Decodes and validates the embedded resource <paramref name="resourceName"/>; diagnostics name <paramref name="fileName"/>.</summary>
    public static WasmModule Load(Assembly assembly, string resourceName, string fileName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"the assembly {assembly.GetName().Name} has no embedded wasm module {resourceName}");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return WasmLoader.Load(bytes, fileName);
    }
}
