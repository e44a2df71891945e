namespace Stencil.Ir.Text;

/// <summary>
/// The top-level function chunks of a CLIF text, found by looking at the start of each line only (see
/// <see cref="ClifReader.Outline"/>); the preamble is the text before the first chunk, <c>[0, PreambleEnd)</c>.
/// </summary>
public sealed record ClifOutline(int PreambleEnd, IReadOnlyList<ClifChunk> Chunks)
{
    private const string Keyword = "function";

    /// <summary>
    /// Finds every line whose first token is the word <c>function</c>. Lines end as the lexer ends them
    /// (<c>\n</c>, <c>\r</c> or <c>\r\n</c>) and the whitespace before a first token is the lexer's, so
    /// lines and columns agree with the reader's; a comment runs to the end of its line, so a line that
    /// starts outside a comment starts outside every comment. Any text, however malformed, outlines.
    /// </summary>
    internal static ClifOutline Of(string text)
    {
        var starts = new List<(int Start, int Line, int Column)>();
        int lineStart = 0, line = 1;
        while (true)
        {
            int p = lineStart;
            while (p < text.Length && text[p] is ' ' or '\t' or '\f' or '\v') p++;
            if (IsKeywordAt(text, p)) starts.Add((p, line, p - lineStart + 1));
            int lineEnd = text.AsSpan(p).IndexOfAny('\n', '\r');
            if (lineEnd < 0) break;
            lineEnd += p;
            lineStart = text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
            line++;
        }
        var chunks = new ClifChunk[starts.Count];
        for (int i = 0; i < chunks.Length; i++)
        {
            var (start, l, column) = starts[i];
            int end = i + 1 < chunks.Length ? starts[i + 1].Start : text.Length;
            var (nameStart, nameLength) = SymbolName(text, start + Keyword.Length, end);
            chunks[i] = new ClifChunk(start, end, l, column, nameStart, nameLength);
        }
        return new ClifOutline(chunks.Length > 0 ? chunks[0].Start : text.Length, chunks);
    }

    private static bool IsKeywordAt(string text, int p) =>
        text.AsSpan(p).StartsWith(Keyword, StringComparison.Ordinal)
        && (p + Keyword.Length == text.Length || !Lexer.IsWordChar(text[p + Keyword.Length]));

    /// <summary>The word after <c>%</c> that follows the keyword (whitespace and line breaks between are
    /// skipped, as the lexer skips them); (position, 0) when there is none.</summary>
    private static (int Start, int Length) SymbolName(string text, int p, int end)
    {
        while (p < end && text[p] is ' ' or '\t' or '\f' or '\v' or '\r' or '\n') p++;
        if (p >= end || text[p] != '%') return (p, 0);
        int start = ++p;
        while (p < end && Lexer.IsWordChar(text[p])) p++;
        return (start, p - start);
    }
}
