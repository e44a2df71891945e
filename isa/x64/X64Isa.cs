using Stencil.Ir;
using Stencil.Isa.Backend;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.X64;

/// <summary>The x86-64 System V backend: lower, allocate registers (linear scan over hulls at <c>none</c>,
/// over live ranges when optimizing), lay out the frame, encode with Iced. Stateless, so one instance
/// serves any number of threads.</summary>
public sealed class X64Isa(TargetTriple triple, IsaFlags flags) : TargetIsa(triple, flags)
{
    public override string Name => "x64";
    public override int FunctionAlignment => X64Emitter.FunctionAlignment;

    public override CompiledFunction Compile(FunctionStencil stencil)
    {
        ArgumentNullException.ThrowIfNull(stencil);
        var lowered = X64Lowering.Lower(stencil, Flags);
        var ra = RegisterAllocation.Allocate(lowered.Code, X64Regs.Env, Flags.OptLevel, (d, s) => MInst.Mov(d, s), (i, o, r) => i.WithOperand(o, r));
        var frame = X64Frame.Compute(stencil, lowered, ra);
        return X64Emitter.Emit(lowered.Code, ra, frame, Flags);
    }

    public override string Disassemble(ReadOnlySpan<byte> code, IReadOnlyList<MachReloc>? relocs = null, ulong baseAddress = 0) =>
        X64Disassembler.Disassemble(code, relocs, baseAddress);
}
