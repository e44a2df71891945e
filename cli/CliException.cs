using Stencil.Engine.Building;
using Stencil.Ir.Diagnostics;

namespace Stencil.Cli;

/// <summary>Ends a command early with one diagnostic and the exit code it deserves; <see cref="StencilCli"/> reports it.</summary>
public sealed class CliException(Diagnostic diagnostic, int exitCode) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
    public int ExitCode { get; } = exitCode;

    public static CliException FileNotFound(string path, int exitCode = CliExitCodes.InputError) =>
        new(Diagnostic.Error(BuildDiagnosticCodes.FileNotFound, $"file not found: {path}"), exitCode);

    public static CliException Usage(string code, string message) =>
        new(Diagnostic.Error(code, message), CliExitCodes.UsageError);

    public static CliException Environment(string code, string message) =>
        new(Diagnostic.Error(code, message), CliExitCodes.EnvironmentError);
}
