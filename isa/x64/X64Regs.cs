using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>The x86-64 registers by hardware encoding and how the System V ABI and this backend use them.</summary>
internal static class X64Regs
{
    public static readonly Reg Rax = Gpr(0), Rcx = Gpr(1), Rdx = Gpr(2), Rbx = Gpr(3), Rsp = Gpr(4), Rbp = Gpr(5), Rsi = Gpr(6), Rdi = Gpr(7);
    public static readonly Reg R8 = Gpr(8), R9 = Gpr(9), R10 = Gpr(10), R11 = Gpr(11), R12 = Gpr(12), R13 = Gpr(13), R14 = Gpr(14), R15 = Gpr(15);

    public static Reg Gpr(int enc) => Reg.Phys(enc, RegClass.Int);
    public static Reg Xmm(int enc) => Reg.Phys(enc, RegClass.Float);

    /// <summary>Never allocated: the emitter reloads spilled operands into these (at most two per instruction and class).</summary>
    public static readonly Reg[] IntScratch = [R11, R10];
    public static readonly Reg[] FloatScratch = [Xmm(15), Xmm(14)];

    public static readonly Reg[] IntArgs = [Rdi, Rsi, Rdx, Rcx, R8, R9];
    public static readonly Reg[] FloatArgs = [Xmm(0), Xmm(1), Xmm(2), Xmm(3), Xmm(4), Xmm(5), Xmm(6), Xmm(7)];
    public static readonly Reg[] IntRets = [Rax, Rdx];
    /// <summary>With <c>enable_llvm_abi_extensions</c> a third integer return goes in rcx, as LLVM (and Cranelift) allow.</summary>
    public static readonly Reg[] IntRetsLlvm = [Rax, Rdx, Rcx];
    public static readonly Reg[] FloatRets = [Xmm(0), Xmm(1)];
    public static readonly Reg[] CalleeSaved = [Rbx, R12, R13, R14, R15];

    /// <summary>Everything a call may overwrite: the caller-saved registers of both classes.</summary>
    public static readonly Reg[] CallClobbers =
        [Rax, Rcx, Rdx, Rsi, Rdi, R8, R9, R10, R11, .. Enumerable.Range(0, 16).Select(Xmm)];

    /// <summary>Caller-saved first, so short-lived values leave callee-saved registers (which cost a save) alone.
    /// Spill slots are 8 bytes for both classes: floats are f32 and f64 only.</summary>
    public static readonly MachineEnv Env = new(
        [Rax, Rcx, Rdx, Rsi, Rdi, R8, R9, Rbx, R12, R13, R14, R15],
        Enumerable.Range(0, 14).Select(Xmm).ToArray(),
        IntSpillBytes: 8, FloatSpillBytes: 8);

    public static bool IsCalleeSaved(Reg r) => r.Class == RegClass.Int && Array.IndexOf(CalleeSaved, r) >= 0;
}
