using Stencil.Ir.Diagnostics;

namespace Stencil.Server.Building;

/// <summary>
/// Maps compiler diagnostics onto MSBuild's structured errors and warnings (file, line, column, code). A diagnostic's
/// <see cref="Diagnostic.Detail"/> (an internal error's stack trace) follows it as a low-importance message, which
/// only a detailed log (<c>-v:d</c>) shows.
/// </summary>
internal static class DiagnosticLog
{
    public static void Report(BuildLog log, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
            Report(log, diagnostic);
    }

    public static void Report(BuildLog log, Diagnostic diagnostic)
    {
        var (line, column) = diagnostic.Line > 0 ? (diagnostic.Line, Math.Max(diagnostic.Column, 0)) : (0, 0);
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                log.Error(diagnostic.Code, diagnostic.Message, diagnostic.File, line, column);
                break;
            case DiagnosticSeverity.Warning:
                log.Warning(diagnostic.Code, diagnostic.Message, diagnostic.File, line, column);
                break;
            default:
                log.Message(diagnostic.ToString());
                break;
        }
        if (diagnostic.Detail is { } detail)
            log.Message($"{diagnostic.Code} details: {detail}", LogImportance.Low);
    }
}
