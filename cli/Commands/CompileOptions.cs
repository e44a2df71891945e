namespace Stencil.Cli.Commands;

/// <summary>What <c>stencil compile</c> was asked to do.</summary>
public sealed record CompileOptions(
    IReadOnlyList<string> Sources,
    string? Output,
    string? Target,
    IReadOnlyList<string> Settings,
    string? CachePath,
    bool VerifyCache,
    bool Verbose = false);
