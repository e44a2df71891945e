namespace Stencil.Engine.Building;

/// <summary>
/// Lets a test make the build fail at a named point (compiling one function, a cache's storage access) with the
/// exception of its choice, to check how that failure is reported and what it leaves behind. The fault applies to the
/// test's own async flow only (including the worker threads it starts), so tests running side by side do not see each
/// other's faults. Never set outside tests; when unset, a point costs one read of an async-local.
/// </summary>
internal static class FaultInjection
{
    /// <summary>The point before a function is compiled; the function's symbol name follows.</summary>
    public const string CompilePrefix = "compile ";

    private static readonly AsyncLocal<Func<string, Exception?>?> Current = new();

    /// <summary>Until the result is disposed, <paramref name="fault"/> is asked at every point and what it returns is thrown.</summary>
    public static IDisposable Inject(Func<string, Exception?> fault)
    {
        Current.Value = fault;
        return new Scope();
    }

    public static void At(string point)
    {
        if (Current.Value is { } fault && fault(point) is { } e) throw e;
    }

    /// <summary>The point <paramref name="prefix"/> + <paramref name="name"/>, put together only when a fault is injected.</summary>
    public static void At(string prefix, string name)
    {
        if (Current.Value is { } fault && fault(prefix + name) is { } e) throw e;
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }
}
