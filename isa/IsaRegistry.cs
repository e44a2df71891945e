using Stencil.Ir.Diagnostics;
using Stencil.Isa.S390x;
using Stencil.Isa.X64;

namespace Stencil.Isa;

/// <summary>Finds the backend for a target triple.</summary>
public static class IsaRegistry
{
    /// <summary>Architectures with a backend, for messages and tools.</summary>
    public static IReadOnlyList<Architecture> Supported { get; } = [Architecture.X86_64, Architecture.S390x];

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
        if (triple.Architecture == Architecture.S390x && flags.HasX64Features)
        {
            isa = null!;
            diagnostic = Diagnostic.Error(IsaDiagnostics.UnsupportedTarget, $"target `{triple}` takes no x86-64 CPU features (has_sse41, has_popcnt, ...)");
            return false;
        }
        if (triple.Architecture == Architecture.S390x)
        {
            isa = new S390xIsa(triple, flags, S390xFeatures.Baseline);
            return true;
        }
        isa = null!;
        diagnostic = Diagnostic.Error(IsaDiagnostics.UnsupportedTarget,
            $"target `{triple}` is not supported (supported architectures: {string.Join(", ", Supported.Select(a => a == Architecture.X86_64 ? "x86_64" : a.ToString().ToLowerInvariant()))})");
        return false;
    }

    /// <summary>As <see cref="TryLookup(TargetTriple, IsaFlags, out TargetIsa, out Diagnostic?)"/> with the ISA flags of a
    /// <c>target</c> line (<c>target s390x arch13</c>): s390x knows <c>has_mie2</c>, <c>has_mie3</c> and <c>arch13</c> and
    /// refuses <c>arch15</c> (STN3004); no other backend takes any.</summary>
    public static bool TryLookup(TargetTriple triple, IsaFlags flags, IReadOnlyList<string> isaFlags, out TargetIsa isa, out Diagnostic? diagnostic)
    {
        ArgumentNullException.ThrowIfNull(isaFlags);
        if (isaFlags.Count == 0 || !TryLookup(triple, flags, out isa, out diagnostic)) return TryLookup(triple, flags, out isa, out diagnostic);
        string? error = null;
        if (triple.Architecture == Architecture.S390x && S390xFeatures.TryParse(isaFlags, out var features, out error))
        {
            isa = new S390xIsa(triple, flags, features);
            return true;
        }
        error ??= $"target `{triple}` takes no ISA flags (`{string.Join(" ", isaFlags)}`)";
        isa = null!;
        diagnostic = Diagnostic.Error(IsaDiagnostics.UnsupportedTarget, error);
        return false;
    }

    /// <summary>Looks up a backend or throws a <see cref="DiagnosticException"/> (STN3004).</summary>
    public static TargetIsa Lookup(TargetTriple triple, IsaFlags flags) =>
        TryLookup(triple, flags, out var isa, out var d) ? isa : throw new DiagnosticException(d!);
}
