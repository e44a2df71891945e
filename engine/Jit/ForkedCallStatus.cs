namespace Stencil.Engine.Jit;

/// <summary>How a call made in a forked child ended.</summary>
public enum ForkedCallStatus
{
    /// <summary>The function returned; the results were written.</summary>
    Returned,
    /// <summary>A fault signal (SIGILL, SIGFPE, SIGSEGV, SIGBUS) was caught; <see cref="ForkedCallOutcome.FaultAddress"/> says where.</summary>
    Trapped,
    /// <summary>The child died of a signal that could not be caught (e.g. a stack overflow's SIGSEGV).</summary>
    Killed,
    /// <summary>The child ran past its time limit.</summary>
    TimedOut,
    /// <summary>The child exited in a way no path of the helper produces, or it could not be started.</summary>
    Failed,
}
