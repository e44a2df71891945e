using System.Collections.Concurrent;
using System.Reflection;

namespace Stencil.Wasm.Runtime.Hosting;

/// <summary>
/// Code of wasm modules in a shared library that Stencil linked (<c>lib&lt;project&gt;.so</c> next to the app): symbols
/// resolved with <see cref="System.Runtime.InteropServices.NativeLibrary"/>. A library is opened once per process and
/// stays loaded, since instances may keep pointers into its code.
/// </summary>
public static class NativeCode
{
    private static readonly ConcurrentDictionary<string, nint> Libraries = new(StringComparer.Ordinal);

    /// <summary>The code of module <paramref name="moduleName"/> in <paramref name="libraryFileName"/>, looked for beside
    /// <paramref name="assembly"/> and then in the app's base directory.</summary>
    public static ModuleCode Open(Assembly assembly, string libraryFileName, string moduleName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var path = Locate(assembly, libraryFileName);
        var handle = Libraries.GetOrAdd(path, p => System.Runtime.InteropServices.NativeLibrary.Load(p));
        return new ModuleCode(new Abi.WasmSymbols(moduleName),
            symbol => System.Runtime.InteropServices.NativeLibrary.TryGetExport(handle, symbol, out var address) ? address : 0);
    }

    private static string Locate(Assembly assembly, string libraryFileName)
    {
        if (Path.IsPathRooted(libraryFileName)) return libraryFileName;
        var beside = string.IsNullOrEmpty(assembly.Location) ? null : Path.Combine(Path.GetDirectoryName(assembly.Location)!, libraryFileName);
        if (beside is not null && File.Exists(beside)) return beside;
        return Path.Combine(AppContext.BaseDirectory, libraryFileName);
    }
}
