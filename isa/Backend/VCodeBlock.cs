namespace Stencil.Isa.Backend;

/// <summary>A block of lowered code: instructions [<see cref="Start"/>, <see cref="End"/>) of the
/// <see cref="VCode{TInst}"/> and the indices of the blocks control may go to next.</summary>
public sealed class VCodeBlock(int start)
{
    public int Start { get; } = start;
    public int End { get; set; } = start;
    public List<int> Successors { get; } = [];
}
