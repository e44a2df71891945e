namespace Stencil.Engine.Jit;

/// <summary>Calls JIT code in this process through a trampoline (see <see cref="JitTrampolines"/>). A trap in the
/// callee kills the process; use <see cref="ForkedCaller"/> for code that may trap.</summary>
public static unsafe class JitCalls
{
    public static void CallDirect(nint trampoline, nint function, ReadOnlySpan<UInt128> args, Span<UInt128> results)
    {
        if (trampoline == 0 || function == 0) throw new ArgumentException("null code pointer");
        var argSlots = new UInt128[Math.Max(1, args.Length)];
        var resultSlots = new UInt128[Math.Max(1, results.Length)];
        args.CopyTo(argSlots);
        fixed (UInt128* a = argSlots)
        fixed (UInt128* r = resultSlots)
        {
            ((delegate* unmanaged<nint, nint, nint, void>)trampoline)(function, (nint)a, (nint)r);
        }
        resultSlots.AsSpan(0, results.Length).CopyTo(results);
    }
}
