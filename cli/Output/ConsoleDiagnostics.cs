using Stencil.Ir.Diagnostics;

namespace Stencil.Cli.Output;

/// <summary>Prints diagnostics on the error stream in the compiler format editors and CI parse:
/// <c>file(line,col): error STN1001: message</c>, or <c>stencil: error STN4006: message</c> when no file applies.</summary>
public static class ConsoleDiagnostics
{
    public const string Tool = "stencil";

    public static void Write(TextWriter error, Diagnostic diagnostic)
    {
        var text = diagnostic.ToString();
        error.WriteLine(diagnostic.File is null ? $"{Tool}: {text}" : text);
    }

    /// <summary>
    /// Writes all of them in order; returns how many are errors. <paramref name="detailed"/> (<c>--verbose</c>) adds each
    /// one's <see cref="Diagnostic.Detail"/>, such as an internal error's stack trace, after it.
    /// </summary>
    public static int WriteAll(TextWriter error, IEnumerable<Diagnostic> diagnostics, bool detailed = false)
    {
        var errors = 0;
        foreach (var diagnostic in diagnostics)
        {
            Write(error, diagnostic);
            if (detailed && diagnostic.Detail is { } detail) error.WriteLine(detail);
            if (diagnostic.Severity == DiagnosticSeverity.Error) errors++;
        }
        return errors;
    }

    public static void Warning(TextWriter error, string code, string message) =>
        Write(error, Diagnostic.Warning(code, message));
}
