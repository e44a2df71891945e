using Stencil.Ir.Diagnostics;

namespace Stencil.Ir.Text;

/// <summary>
/// Reads Cranelift's CLIF text. Bad input of any kind ends in a <see cref="DiagnosticException"/> whose
/// diagnostic (codes in <see cref="ReaderDiagnosticCodes"/>) names the file, line and column of the
/// offending token; nothing else is thrown for input.
/// </summary>
public static class ClifReader
{
    public static ClifFile ParseFile(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ClifParser(text, fileName).ParseFile();
    }

    /// <summary>Just the functions of a text, in order.</summary>
    public static IReadOnlyList<Function> ParseFunctions(string text, string? fileName = null) =>
        ParseFile(text, fileName).Functions.Select(f => f.Function).ToArray();

    /// <summary>The single function of a text; a diagnostic when there is none or more than one.</summary>
    public static Function ParseFunction(string text, string? fileName = null)
    {
        var file = ParseFile(text, fileName);
        if (file.Functions.Count != 1)
        {
            var at = file.Functions.Count > 1 ? file.Functions[1].Location : new ClifLocation(fileName, 1, 1);
            throw new DiagnosticException(Diagnostic.Error(ReaderDiagnosticCodes.UnexpectedToken,
                $"expected exactly one function, found {file.Functions.Count}", fileName, at.Line, at.Column));
        }
        return file.Functions[0].Function;
    }
}
