using Stencil.Ir;
using Stencil.Isa.Backend;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.S390x;

/// <summary>The s390x (z/Architecture, System z ELF ABI) backend: lower, allocate registers, lay out the frame, encode
/// through the opcode table. Stateless, so one instance serves any number of threads.</summary>
public sealed class S390xIsa(TargetTriple triple, IsaFlags flags, S390xFeatures features) : TargetIsa(triple, flags)
{
    public S390xFeatures Features { get; } = features;

    public override string Name => "s390x";
    public override int FunctionAlignment => S390xEmitter.FunctionAlignment;

    public override CompiledFunction Compile(FunctionStencil stencil)
    {
        ArgumentNullException.ThrowIfNull(stencil);
        var (lowered, makesCalls) = S390xLowering.Lower(stencil, Flags, Features);
        var ra = RegisterAllocation.Allocate(lowered.Code, S390xRegs.Env, Flags.OptLevel);
        var frame = S390xFrame.Compute(stencil, lowered, ra, makesCalls, Flags);
        return S390xEmitter.Emit(lowered.Code, ra, frame);
    }

    public override string Disassemble(ReadOnlySpan<byte> code, IReadOnlyList<MachReloc>? relocs = null, ulong baseAddress = 0) =>
        S390xDisassembler.Disassemble(code, relocs, baseAddress);
}
