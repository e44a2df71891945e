using Stencil.Engine.Building;
using Stencil.Isa;

namespace Stencil.Cli;

/// <summary>Turns <c>--target</c> and <c>--set</c> into a backend, or a usage error naming what is wrong.</summary>
public static class TargetSelection
{
    public const string DefaultTriple = TargetTriple.DefaultName;

    public static TargetIsa Resolve(string? tripleText, IReadOnlyList<string>? settings)
    {
        var text = string.IsNullOrWhiteSpace(tripleText) ? DefaultTriple : tripleText;
        if (!TargetTriple.TryParse(text, out var triple))
            throw CliException.Usage(BuildDiagnosticCodes.InvalidTarget, $"'{text}' is not a target triple (for example {DefaultTriple})");
        if (!IsaFlags.TryParse(settings ?? [], out var flags, out var error))
            throw CliException.Usage(BuildDiagnosticCodes.InvalidSetting, $"invalid --set: {error}");
        if (!IsaRegistry.TryLookup(triple, flags, out var isa, out var diagnostic))
            throw new CliException(diagnostic!, CliExitCodes.UsageError);
        return isa;
    }
}
