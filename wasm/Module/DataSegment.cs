namespace Stencil.Wasm.Module;

/// <summary>A data segment; <see cref="Bytes"/> is a view of the module's bytes.</summary>
public sealed record DataSegment(SegmentMode Mode, uint MemoryIndex, ConstantExpression? MemoryOffset, ReadOnlyMemory<byte> Bytes, int Offset);
