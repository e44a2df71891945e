using Stencil.Ir.Diagnostics;

namespace Stencil.Ir.Text;

/// <summary>
/// Reads Cranelift's CLIF text. Bad input of any kind ends in a <see cref="DiagnosticException"/> whose
/// diagnostic (codes in <see cref="ReaderDiagnosticCodes"/>) names the file, line and column of the
/// offending token; nothing else is thrown for input.
/// </summary>
/// <remarks>
/// A file can also be read in parts, so that a build can hash each function's text and skip parsing the
/// ones it has seen: <see cref="Outline"/> splits the text into a preamble and one chunk per function,
/// <see cref="ParsePreamble"/> checks the preamble and <see cref="ParseChunk"/> reads one function.
/// Whenever the preamble and every chunk read without a diagnostic, <see cref="ParseFile"/> reads the
/// text too and gives the same functions, positions, comments and directives. The converse does not
/// hold: a header line between functions, or a function that does not start its own line, is fine for
/// <see cref="ParseFile"/> but rejected by the chunk-wise reader.
/// </remarks>
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

    /// <summary>
    /// The top-level functions of a text, cheaply: a function starts wherever the first token of a line is
    /// the word <c>function</c>, and its chunk runs to the next such line or the end of the text. Nothing
    /// is parsed and nothing is checked, so this never fails on any text (null is not a text and throws).
    /// </summary>
    public static ClifOutline Outline(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ClifOutline.Of(text);
    }

    /// <summary>The header lines (<c>test</c>, <c>set</c>, <c>target</c>) and comments before the first chunk
    /// of <paramref name="outline"/>; a diagnostic for anything else there.</summary>
    public static ClifPreamble ParsePreamble(string text, ClifOutline outline, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outline.PreambleEnd, text.Length, nameof(outline));
        return new ClifParser(text, fileName).ParsePreamble(outline.PreambleEnd);
    }

    /// <summary>
    /// The function at the start of <paramref name="chunk"/> (from <see cref="Outline"/> of the same text),
    /// with positions in the whole text, exactly as <see cref="ParseFile"/> would give it. After the
    /// function's closing brace the chunk may hold only comments; anything else is a diagnostic.
    /// </summary>
    public static ClifFunction ParseChunk(string text, ClifChunk chunk, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (chunk.Start < 0 || chunk.End > text.Length || chunk.Start > chunk.End || chunk.Line < 1 || chunk.Column < 1 || chunk.Column - 1 > chunk.Start)
            throw new ArgumentOutOfRangeException(nameof(chunk), $"{chunk} does not lie in a text of {text.Length} characters");
        return new ClifParser(text, fileName, chunk.Start, chunk.Line, chunk.Column).ParseChunk(chunk);
    }
}
