using System.Diagnostics;
using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Isa;

namespace Stencil.Engine.Building;

/// <summary>
/// The whole path of one build: read and verify every source, compile each function through the cache
/// (<see cref="ParallelModuleCompiler"/>), finalize, and write one relocatable object. Nothing is written
/// when any source has an error.
/// </summary>
public static class ProjectBuilder
{
    public static ProjectBuildResult Build(ProjectBuildRequest request, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var diagnostics = new List<Diagnostic>();
        ProjectBuildResult Fail(int functions = 0) => new(diagnostics, functions, 0, 0, 0, clock.ElapsedMilliseconds);

        if (!TryCreateIsa(request, diagnostics, out var isa)) return Fail();

        var functions = SourceLoader.Load(request.Sources, diagnostics);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) return Fail(functions.Count);

        var compiler = new ParallelModuleCompiler(isa, request.Cache, request.MaxDegreeOfParallelism) { VerifyCacheHits = request.VerifyCacheHits };
        var compiled = compiler.Compile(functions.Select(f => f.Module).ToArray(), ct);
        diagnostics.AddRange(compiled.Diagnostics);
        var stats = compiled.Stats;
        ProjectBuildResult Done(bool written) =>
            new(diagnostics, stats.Functions, stats.Cached, stats.Compiled, stats.Deduplicated, clock.ElapsedMilliseconds) { ObjectWritten = written };
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) return Done(false);

        var finals = new CompiledCode[functions.Count];
        for (int i = 0; i < finals.Length; i++)
            finals[i] = Finalizer.Finalize(compiled.Code[i]!, functions[i].Module.Function.Params);
        var bytes = ObjectAssembler.Assemble(finals, diagnostics);
        if (bytes is null) return Done(false);
        try
        {
            ObjectFileWriter.WriteAtomically(request.ObjectPath, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(BuildDiagnosticCodes.ObjectWrite, $"cannot write the object file: {e.Message}", request.ObjectPath));
            return Done(false);
        }
        return Done(true);
    }

    private static bool TryCreateIsa(ProjectBuildRequest request, List<Diagnostic> diagnostics, out TargetIsa isa)
    {
        isa = null!;
        if (!TargetTriple.TryParse(request.Triple, out var triple))
        {
            diagnostics.Add(Diagnostic.Error(BuildDiagnosticCodes.InvalidTarget, $"`{request.Triple}` is not a target triple"));
            return false;
        }
        if (!IsaFlags.TryParse(request.Settings, out var flags, out var flagError))
        {
            diagnostics.Add(Diagnostic.Error(BuildDiagnosticCodes.InvalidSetting, flagError!));
            return false;
        }
        if (!IsaRegistry.TryLookup(triple, flags, out isa, out var d))
        {
            diagnostics.Add(d!);
            return false;
        }
        return true;
    }
}
