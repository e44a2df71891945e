using System.Runtime.InteropServices;
using Stencil.Ir.Names;

namespace Stencil.Engine.Jit;

/// <summary>
/// Binds imported names to real functions of the process: libcalls and other C symbols are looked up in libc and
/// libm through <see cref="NativeLibrary"/>, after any names the embedder registered explicitly.
/// </summary>
public sealed class NativeSymbols
{
    private static readonly Lazy<nint[]> SystemLibraries = new(LoadSystemLibraries);
    private readonly Dictionary<string, nint> _explicit = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="name"/> resolve to <paramref name="address"/> ahead of the system libraries.</summary>
    public void Define(string name, nint address)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (address == 0) throw new ArgumentException("a symbol cannot be bound to address 0", nameof(address));
        _explicit[name] = address;
    }

    public bool TryResolve(string name, out nint address)
    {
        if (_explicit.TryGetValue(name, out address)) return true;
        foreach (var library in SystemLibraries.Value)
            if (NativeLibrary.TryGetExport(library, name, out address)) return true;
        address = 0;
        return false;
    }

    public bool TryResolve(LibCall call, out nint address) => TryResolve(call.SymbolName(), out address);

    private static nint[] LoadSystemLibraries()
    {
        var handles = new List<nint>();
        foreach (var name in new[] { "libc.so.6", "libm.so.6", "libc", "libm" })
            if (NativeLibrary.TryLoad(name, out var handle) && !handles.Contains(handle)) handles.Add(handle);
        return [.. handles];
    }
}
