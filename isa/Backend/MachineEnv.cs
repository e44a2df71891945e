namespace Stencil.Isa.Backend;

/// <summary>The registers the allocator may hand out, per class, in order of preference, and the bytes a spill slot
/// of each class takes. Registers not listed (stack and frame pointers, the emitter's scratch registers) are never
/// allocated.</summary>
public sealed record MachineEnv(IReadOnlyList<Reg> IntRegs, IReadOnlyList<Reg> FloatRegs, int IntSpillBytes, int FloatSpillBytes)
{
    public IReadOnlyList<Reg> RegsOf(RegClass cls) => cls == RegClass.Int ? IntRegs : FloatRegs;

    public int SpillBytesOf(RegClass cls) => cls == RegClass.Int ? IntSpillBytes : FloatSpillBytes;
}
