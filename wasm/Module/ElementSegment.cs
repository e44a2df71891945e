namespace Stencil.Wasm.Module;

/// <summary>
/// An element segment. Items are either function indices (<see cref="FunctionIndices"/>, the compact encodings) or
/// constant expressions (<see cref="Expressions"/>); the other is null.
/// </summary>
public sealed record ElementSegment(SegmentMode Mode, uint TableIndex, ConstantExpression? TableOffset, ValType ElementType, int Offset)
{
    public uint[]? FunctionIndices { get; init; }
    public ConstantExpression[]? Expressions { get; init; }
    public int Count => FunctionIndices?.Length ?? Expressions!.Length;
}
