using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Stencil.Engine.Compilation;

/// <summary>
/// The CPU time the calling thread has run, in nanoseconds: unlike wall time, it does not grow while the thread waits
/// for a core, so per-item costs stay meaningful on a loaded machine. Linux only (<c>CLOCK_THREAD_CPUTIME_ID</c>);
/// elsewhere wall time stands in for it.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    private static readonly bool Available = OperatingSystem.IsLinux();

    public static long NowNs()
    {
        if (Available && ClockGetTime(ClockThreadCpuTimeId, out var ts) == 0) return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
