namespace Stencil.Cli;

/// <summary>The process exit codes of <c>stencil</c>; scripts and the integration tests depend on them.</summary>
public static class CliExitCodes
{
    public const int Success = 0;

    /// <summary>The input was wrong: a source with diagnostics, a missing source file, an unknown cache key.</summary>
    public const int InputError = 1;

    /// <summary>The command line was wrong: unknown option, missing argument, unparsable value.</summary>
    public const int UsageError = 2;

    /// <summary>The environment failed: the cache file is missing, locked, damaged or unwritable; an unexpected failure.</summary>
    public const int EnvironmentError = 3;
}
