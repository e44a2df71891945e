namespace Stencil.Isa.Backend;

/// <summary>An inclusive range of program points. Instruction <c>i</c> reads its uses at point
/// <c>2i</c> and writes its defs at <c>2i+1</c>.</summary>
public readonly record struct LiveRange(int From, int To)
{
    public bool Overlaps(int from, int to) => From <= to && from <= To;
}
