using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;

namespace Stencil.Engine.Building;

/// <summary>
/// How a bug in Stencil becomes a diagnostic: where it happened and what was thrown in the message, the stack trace in
/// <see cref="Diagnostic.Detail"/> for detailed logs only. Front ends report these like any error and stop the build.
/// </summary>
public static class InternalErrors
{
    /// <summary><c>FILE(LINE,COL): error STN9001: internal compiler error in %name: ...</c>, at the function's definition.</summary>
    public static Diagnostic InFunction(Exception e, ModuleFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return InFunction(e, function.DisplayName, function.File, function.Line, function.Column);
    }

    /// <summary>The same, for a function known by its symbol name and where its definition stands.</summary>
    public static Diagnostic InFunction(Exception e, string name, string? file, int line, int column) =>
        Diagnostic.Error(BuildDiagnosticCodes.InternalCompilerError, $"internal compiler error in %{name}: {Describe(e)}", file, line, column)
            with { Detail = Unwrap(e).ToString() };

    /// <summary>A bug outside any one function (finding the sources, writing the object...).</summary>
    public static Diagnostic InBuild(Exception e) =>
        Diagnostic.Error(BuildDiagnosticCodes.InternalCompilerError, $"internal compiler error: {Describe(e)}") with { Detail = Unwrap(e).ToString() };

    /// <summary>A bug in the cache's code (see <c>CacheFault</c> in the cache layer for what counts as one).</summary>
    public static Diagnostic InCache(Exception e) =>
        Diagnostic.Error(BuildDiagnosticCodes.CacheInternalError, $"internal error in the cache: {Describe(e)}") with { Detail = Unwrap(e).ToString() };

    private static string Describe(Exception e)
    {
        var inner = Unwrap(e);
        return $"{inner.GetType().Name}: {inner.Message}";
    }

    /// <summary>A parallel loop wraps what its body threw; the body's exception is the one that says something.</summary>
    private static Exception Unwrap(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        while (e is AggregateException { InnerExceptions.Count: > 0 } aggregate) e = aggregate.InnerExceptions[0];
        return e;
    }
}
