using Stencil.Ir.Diagnostics;
using Stencil.Isa.X64;

namespace Stencil.Isa;

/// <summary>Finds the backend for a target triple.</summary>
public static class IsaRegistry
{
    /// <summary>Architectures with a backend, for messages and tools.</summary>
    public static IReadOnlyList<Architecture> Supported { get; } = [Architecture.X86_64];

    public static bool TryLookup(TargetTriple triple, IsaFlags flags, out TargetIsa isa, out Diagnostic? diagnostic)
    {
        ArgumentNullException.ThrowIfNull(triple);
        ArgumentNullException.ThrowIfNull(flags);
        diagnostic = null;
        if (triple.Architecture == Architecture.X86_64)
        {
            isa = new X64Isa(triple, flags);
            return true;
        }
        isa = null!;
        diagnostic = Diagnostic.Error(IsaDiagnostics.UnsupportedTarget,
            $"target `{triple}` is not supported (supported architectures: {string.Join(", ", Supported.Select(a => a == Architecture.X86_64 ? "x86_64" : a.ToString().ToLowerInvariant()))})");
        return false;
    }

    /// <summary>Looks up a backend or throws a <see cref="DiagnosticException"/> (STN3004).</summary>
    public static TargetIsa Lookup(TargetTriple triple, IsaFlags flags) =>
        TryLookup(triple, flags, out var isa, out var d) ? isa : throw new DiagnosticException(d!);
}
