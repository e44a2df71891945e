namespace Stencil.Ir.Text;

/// <summary>
/// One top-level function of a CLIF text as <see cref="ClifReader.Outline"/> finds it, before any parsing:
/// offsets (UTF-16 code units) into the whole text. The chunk runs from its <c>function</c> keyword
/// (<see cref="Start"/>, at <see cref="Line"/>/<see cref="Column"/>) to the next top-level <c>function</c>
/// keyword or the end of the text (<see cref="End"/>), so it includes the comments and directives that
/// follow the function. <see cref="NameStart"/>/<see cref="NameLength"/> locate the symbol after
/// <c>function %</c> (length 0 when the function is not named that way), so that a caller can hash the
/// chunk without its name and share the work between functions that differ only in name.
/// </summary>
public readonly record struct ClifChunk(int Start, int End, int Line, int Column, int NameStart, int NameLength)
{
    public int Length => End - Start;

    public bool HasSymbolName => NameLength > 0;
}
