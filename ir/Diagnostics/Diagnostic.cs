namespace Stencil.Ir.Diagnostics;

/// <summary>
/// A problem with user input. Codes are stable: STN1xxx parse, STN2xxx verify, STN3xxx unsupported
/// by the backend, STN4xxx build/cache environment, STN9xxx internal errors (a bug in Stencil, not in the input).
/// Line and column are 1-based; 0 means unknown.
/// </summary>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, string? File = null, int Line = 0, int Column = 0)
{
    /// <summary>
    /// More than a user needs but a bug report does, such as an internal error's stack trace: front ends show it only
    /// at a detailed verbosity, never in <see cref="ToString"/>.
    /// </summary>
    public string? Detail { get; init; }

    public static Diagnostic Error(string code, string message, string? file = null, int line = 0, int column = 0) =>
        new(code, DiagnosticSeverity.Error, message, file, line, column);

    public static Diagnostic Warning(string code, string message, string? file = null, int line = 0, int column = 0) =>
        new(code, DiagnosticSeverity.Warning, message, file, line, column);

    /// <summary>The canonical compiler-style rendering: <c>file(line,col): error STN1001: message</c>.</summary>
    public override string ToString()
    {
        var where = File is null ? "" : Line > 0 ? $"{File}({Line},{Column}): " : $"{File}: ";
        var sev = Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "info" };
        return $"{where}{sev} {Code}: {Message}";
    }
}
