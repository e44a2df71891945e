using Stencil.Engine.Jit;

namespace Stencil.Engine.FileTests;

/// <summary>The process's one <see cref="ForkedCaller"/>: its shared argument buffer serves one call at a time.</summary>
internal static class SharedCaller
{
    private static readonly Lock Gate = new();
    private static ForkedCaller? _caller;

    public static ForkedCallOutcome Call(nint trampoline, nint function, ReadOnlySpan<UInt128> args, Span<UInt128> results, int timeoutSeconds)
    {
        lock (Gate)
        {
            _caller ??= new ForkedCaller();
            return _caller.Call(trampoline, function, args, results, timeoutSeconds);
        }
    }
}
