using Stencil.Isa.Backend;

namespace Stencil.Isa.S390x;

/// <summary>
/// The z/Architecture registers and the facts of the s390x ELF ABI (System z): general registers r0-r15, floating
/// registers f0-f15 (the first halves of v0-v15), access registers a0-a15 (a0:a1 hold the thread pointer).
/// </summary>
internal static class S390xRegs
{
    public static Reg Gpr(int n) => Reg.Phys(n, RegClass.Int);
    public static Reg Fpr(int n) => Reg.Phys(n, RegClass.Float);

    /// <summary>Cranelift's "spilltmp": never allocated, free for an instruction sequence's own temporary (the TLS
    /// literal's address after <c>bras %r1</c>) and for reloading spilled operands.</summary>
    public static readonly Reg SpillTemp = Gpr(1);
    /// <summary>Not allocated: r0 cannot be a base or index register (0 there means "none"), so leaving it out lets every
    /// allocated register address memory; the emitter may use it as a temporary for values that are not addresses.</summary>
    public static readonly Reg Temp = Gpr(0);
    /// <summary>Holds the GOT address around <c>__tls_get_offset</c> (the variant TLS ABI reads it there).</summary>
    public static readonly Reg GotPointer = Gpr(12);
    public static readonly Reg ReturnAddress = Gpr(14);
    public static readonly Reg StackPointer = Gpr(15);

    public static readonly Reg[] IntArgs = [Gpr(2), Gpr(3), Gpr(4), Gpr(5), Gpr(6)];
    public static readonly Reg[] FloatArgs = [Fpr(0), Fpr(2), Fpr(4), Fpr(6)];
    public static readonly Reg[] IntRets = [Gpr(2)];
    public static readonly Reg[] FloatRets = [Fpr(0)];

    /// <summary>r6-r15 and f8-f15 survive a call; r6 is callee-saved although it also carries the fifth argument.</summary>
    public static readonly Reg[] CalleeSaved =
        [.. Enumerable.Range(6, 10).Select(Gpr), .. Enumerable.Range(8, 8).Select(Fpr)];

    /// <summary>Everything a call may overwrite: r0-r5, r14 (the return address) and f0-f7.</summary>
    public static readonly Reg[] CallClobbers =
        [.. Enumerable.Range(0, 6).Select(Gpr), ReturnAddress, .. Enumerable.Range(0, 8).Select(Fpr)];

    /// <summary>Each function gives its callees 160 bytes at the bottom of its frame, where they store r2-r15 and
    /// f0/f2/f4/f6 (<c>stmg %r6,%r15,48(%r15)</c>); stack arguments start above it.</summary>
    public const int RegisterSaveAreaBytes = 160;

    /// <summary>Where a function stores callee-saved register <c>rN</c> in its caller's save area: 8 bytes per register from r0.</summary>
    public static int SaveSlotOffset(int gpr) => 8 * gpr;

    public static readonly AbiRegisters Abi = new(IntArgs, FloatArgs, IntRets, FloatRets);

    /// <summary>Caller-saved first, so short-lived values leave callee-saved registers (which cost a save) alone.
    /// r0 and r1 are the emitter's, r15 the stack pointer; r14 holds the return address only until the prologue saves it
    /// (Cranelift allocates it too).
    /// f1 and f3 (caller-saved, never arguments) are the emitter's float scratch registers.
    /// Spill slots are 8 bytes for both classes: floats are f32 and f64 only.</summary>
    public static readonly MachineEnv Env = new(
        [Gpr(2), Gpr(3), Gpr(4), Gpr(5), Gpr(14), Gpr(6), Gpr(7), Gpr(8), Gpr(9), Gpr(10), Gpr(11), Gpr(12), Gpr(13)],
        [Fpr(0), Fpr(2), Fpr(4), Fpr(5), Fpr(6), Fpr(7), Fpr(8), Fpr(9), Fpr(10), Fpr(11), Fpr(12), Fpr(13), Fpr(14), Fpr(15)],
        IntSpillBytes: 8, FloatSpillBytes: 8);

    /// <summary>Where spilled operands are reloaded, in order: r1 first, since r0 cannot be a base register
    /// (<see cref="S390xMInst"/> lists address registers first).</summary>
    public static readonly Reg[] IntScratch = [SpillTemp, Temp];
    public static readonly Reg[] FloatScratch = [Fpr(1), Fpr(3)];

    public static bool IsCalleeSaved(Reg r) => Array.IndexOf(CalleeSaved, r) >= 0;
}
