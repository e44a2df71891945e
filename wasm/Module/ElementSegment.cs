using Stencil.Wasm.Binary;

namespace Stencil.Wasm.Module;

/// <summary>
/// An element segment. Its items are function indices (the compact encodings, <see cref="HasExpressions"/> false) or
/// constant expressions; both are read on demand from the checked bytes.
/// </summary>
public sealed class ElementSegment(SegmentMode mode, uint tableIndex, ConstantExpression? tableOffset, ValType elementType,
    bool hasExpressions, int count, CodeRange items, int offset)
{
    public SegmentMode Mode { get; } = mode;
    public uint TableIndex { get; } = tableIndex;
    public ConstantExpression? TableOffset { get; } = tableOffset;
    public ValType ElementType { get; } = elementType;
    public bool HasExpressions { get; } = hasExpressions;
    public int Count { get; } = count;
    public int Offset { get; } = offset;

    public IEnumerable<uint> FunctionIndices()
    {
        if (HasExpressions) throw new InvalidOperationException("this segment's items are expressions");
        var reader = items.Reader();
        for (int i = 0; i < Count; i++) yield return reader.ReadU32();
    }

    public IEnumerable<ConstantExpression> Expressions()
    {
        if (!HasExpressions) throw new InvalidOperationException("this segment's items are function indices");
        var reader = items.Reader();
        for (int i = 0; i < Count; i++)
        {
            int start = reader.Position;
            foreach (var _ in Instructions.InstructionDecoder.Enumerate(reader)) { }
            yield return new ConstantExpression(new CodeRange(reader.Data, reader.File, start, reader.Position));
        }
    }
}
