using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Stencil.Ir.Diagnostics;

namespace Stencil.Build;

/// <summary>
/// Maps compiler diagnostics onto MSBuild's structured errors and warnings (file, line, column, code). A diagnostic's
/// <see cref="Diagnostic.Detail"/> (an internal error's stack trace) follows it as a low-importance message, which
/// only a detailed log (<c>-v:d</c>) shows.
/// </summary>
internal static class DiagnosticReporter
{
    public static void Report(TaskLoggingHelper log, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
            Report(log, diagnostic);
    }

    public static void Report(TaskLoggingHelper log, Diagnostic diagnostic)
    {
        var (line, column) = diagnostic.Line > 0 ? (diagnostic.Line, Math.Max(diagnostic.Column, 0)) : (0, 0);
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                // "{0}" so that braces in a message are never taken for format items.
                log.LogError(null, diagnostic.Code, null, diagnostic.File, line, column, 0, 0, "{0}", diagnostic.Message);
                break;
            case DiagnosticSeverity.Warning:
                log.LogWarning(null, diagnostic.Code, null, diagnostic.File, line, column, 0, 0, "{0}", diagnostic.Message);
                break;
            default:
                log.LogMessage(MessageImportance.Normal, "{0}", diagnostic.ToString());
                break;
        }
        if (diagnostic.Detail is { } detail)
            log.LogMessage(MessageImportance.Low, "{0}", $"{diagnostic.Code} details: {detail}");
    }
}
