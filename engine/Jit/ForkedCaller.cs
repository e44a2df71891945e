using System.Runtime.InteropServices;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Stencil.Engine.Jit;

/// <summary>
/// Calls JIT code in a forked child so that a trap (or any crash) ends the child, never this process. The helper is
/// machine code, so nothing managed runs after the fork: the child installs handlers for the fault signals that
/// record the faulting instruction in shared memory, arms an alarm, calls
/// <c>trampoline(function, args, results)</c> and exits; the parent waits for it. Arguments and results travel in
/// a shared mapping of 16-byte slots, the layout trampolines use.
/// </summary>
public sealed unsafe class ForkedCaller : IDisposable
{
    private const int ReportBytes = 64;
    private const int ArgsOffset = ReportBytes;
    private const int ResultsOffset = 32 * 1024;
    private const int SharedBytes = 64 * 1024;
    private const int TrappedExitCode = 100;
    private static readonly int[] FaultSignals = [4, 7, 8, 11]; // SIGILL, SIGBUS, SIGFPE, SIGSEGV
    private const int SigAlrm = 14;

    private readonly JitMemoryRegion _shared;
    private readonly JitMemoryRegion _code;
    private readonly delegate* unmanaged<nint, nint, nint, nint, long, long> _helper;

    public ForkedCaller()
    {
        _shared = JitMemoryRegion.Allocate(SharedBytes, shared: true);
        _code = JitMemoryRegion.Allocate(4096);
        var bytes = AssembleHelper(_shared.Address);
        bytes.CopyTo(_code.Bytes);
        _code.Protect(JitProtection.ReadExecute);
        _helper = (delegate* unmanaged<nint, nint, nint, nint, long, long>)_code.Address;
    }

    /// <summary>Most argument or result slots one call can pass.</summary>
    public static int MaxSlots => (ResultsOffset - ArgsOffset) / 16;

    /// <summary>Runs <c>trampoline(function, args, results)</c> in a child; on return the results are copied out.</summary>
    public ForkedCallOutcome Call(nint trampoline, nint function, ReadOnlySpan<UInt128> args, Span<UInt128> results, int timeoutSeconds = 10)
    {
        if (args.Length > MaxSlots || results.Length > MaxSlots) throw new ArgumentException($"at most {MaxSlots} argument and result slots");
        var shared = _shared.Bytes;
        shared.Clear();
        var argSlots = MemoryMarshal.Cast<byte, UInt128>(shared[ArgsOffset..ResultsOffset]);
        args.CopyTo(argSlots);
        long status = _helper(trampoline, function, _shared.Address + ArgsOffset, _shared.Address + ResultsOffset, Math.Max(1, timeoutSeconds));
        if (status < 0) return new ForkedCallOutcome(ForkedCallStatus.Failed, 0, 0, (int)status);
        int raw = (int)status;
        int termSignal = raw & 0x7f;
        if (termSignal == 0)
        {
            int exit = (raw >> 8) & 0xff;
            if (exit == 0)
            {
                MemoryMarshal.Cast<byte, UInt128>(shared[ResultsOffset..])[..results.Length].CopyTo(results);
                return new ForkedCallOutcome(ForkedCallStatus.Returned, 0, 0, raw);
            }
            if (exit == TrappedExitCode)
            {
                var report = MemoryMarshal.Cast<byte, long>(shared[..ReportBytes]);
                return new ForkedCallOutcome(ForkedCallStatus.Trapped, (int)report[1], (nint)report[0], raw);
            }
            return new ForkedCallOutcome(ForkedCallStatus.Failed, 0, 0, raw);
        }
        if (termSignal == SigAlrm) return new ForkedCallOutcome(ForkedCallStatus.TimedOut, termSignal, 0, raw);
        return new ForkedCallOutcome(ForkedCallStatus.Killed, termSignal, 0, raw);
    }

    public void Dispose()
    {
        _code.Dispose();
        _shared.Dispose();
    }

    /// <summary>helper(trampoline, function, args, results, timeoutSeconds) -> wait status, or -errno.</summary>
    private static byte[] AssembleHelper(nint report)
    {
        var a = new Assembler(64);
        var child = a.CreateLabel();
        var wait = a.CreateLabel();
        var done = a.CreateLabel();
        var handler = a.CreateLabel();

        a.push(rbx); a.push(r12); a.push(r13); a.push(r14); a.push(r15); a.push(rbp);
        // [rsp] wait status, [rsp+8..40) a kernel sigaction; keeps the stack 16-byte aligned for the call.
        a.sub(rsp, 40);
        a.mov(rbx, rdi); a.mov(r12, rsi); a.mov(r13, rdx); a.mov(r14, rcx); a.mov(rbp, r8);
        a.mov(eax, 57); // fork
        a.syscall();
        a.test(rax, rax);
        a.jz(child);
        a.js(done);
        a.mov(r15, rax);
        a.Label(ref wait);
        a.mov(rdi, r15); a.lea(rsi, __[rsp]); a.xor(edx, edx); a.xor(r10d, r10d);
        a.mov(eax, 61); // wait4
        a.syscall();
        a.cmp(rax, -4); // EINTR
        a.je(wait);
        a.test(rax, rax);
        a.js(done);
        a.mov(eax, __dword_ptr[rsp]);
        a.Label(ref done);
        a.add(rsp, 40);
        a.pop(rbp); a.pop(r15); a.pop(r14); a.pop(r13); a.pop(r12); a.pop(rbx);
        a.ret();

        a.Label(ref child);
        a.lea(rax, __[handler]);
        a.mov(__qword_ptr[rsp + 8], rax);
        a.mov(rax, 0x04000004L); // SA_RESTORER | SA_SIGINFO; the handler never returns, so any restorer does
        a.mov(__qword_ptr[rsp + 16], rax);
        a.lea(rax, __[handler]);
        a.mov(__qword_ptr[rsp + 24], rax);
        a.xor(eax, eax);
        a.mov(__qword_ptr[rsp + 32], rax);
        foreach (var signal in FaultSignals)
        {
            a.mov(edi, signal); a.lea(rsi, __[rsp + 8]); a.xor(edx, edx); a.mov(r10d, 8);
            a.mov(eax, 13); // rt_sigaction
            a.syscall();
        }
        a.mov(rdi, rbp);
        a.mov(eax, 37); // alarm
        a.syscall();
        a.mov(rdi, r12); a.mov(rsi, r13); a.mov(rdx, r14);
        a.call(rbx);
        a.xor(edi, edi);
        a.mov(eax, 231); // exit_group
        a.syscall();

        // handler(signal, siginfo, ucontext): record the faulting rip (ucontext->uc_mcontext.rip) and the signal.
        a.Label(ref handler);
        a.mov(rax, __qword_ptr[rdx + 168]);
        a.mov(rcx, (long)report);
        a.mov(__qword_ptr[rcx], rax);
        a.mov(__qword_ptr[rcx + 8], rdi);
        a.mov(edi, TrappedExitCode);
        a.mov(eax, 231);
        a.syscall();

        var stream = new MemoryStream();
        a.Assemble(new StreamCodeWriter(stream), 0);
        return stream.ToArray();
    }
}
