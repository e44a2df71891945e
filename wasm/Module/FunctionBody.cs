using Stencil.Wasm.Binary;
using Stencil.Wasm.Instructions;

namespace Stencil.Wasm.Module;

/// <summary>A run of locals of one type, as the binary declares them.</summary>
public readonly record struct LocalGroup(uint Count, ValType Type);

/// <summary>
/// A defined function's code: its local groups (parameters excluded) and where its instructions lie. The instructions
/// are decoded on demand, one at a time, so a module's decoded form stays as small as its bytes (a body declaring
/// thousands of locals in two bytes, or millions of one-byte instructions, costs nothing until it is read).
/// </summary>
public sealed class FunctionBody(LocalGroup[] localGroups, int localCount, CodeRange code, int offset)
{
    public IReadOnlyList<LocalGroup> LocalGroups { get; } = localGroups;
    public int LocalCount { get; } = localCount;
    /// <summary>The offset of the body's size field in the file.</summary>
    public int Offset { get; } = offset;
    public int CodeOffset => code.Start;
    public int CodeLength => code.Length;

    public ValType[] ExpandLocals()
    {
        var locals = new ValType[LocalCount];
        int next = 0;
        foreach (var (count, type) in LocalGroups)
            for (uint k = 0; k < count; k++) locals[next++] = type;
        return locals;
    }

    /// <summary>The instructions in order, the final <c>end</c> included (the decoder has checked their encoding).</summary>
    public IEnumerable<Instruction> Instructions() => InstructionDecoder.Enumerate(code.Reader());
}
