using System.Diagnostics;
using Stencil.Engine.Caching;
using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Isa;

namespace Stencil.Engine.Building;

/// <summary>
/// The whole path of one build: read every source, take what the project's <see cref="BuildManifest"/> remembers
/// about unchanged files and parse and verify the rest, compile each function through the cache
/// (<see cref="ParallelModuleCompiler"/>), finalize, and write one relocatable object; then remember what this
/// build learned. Nothing is written when any source has an error.
/// <para>
/// A bug in Stencil is an internal error diagnostic (see <see cref="InternalErrors"/>), at the function it happened in
/// where there is one; like any error, it leaves the object file as it was. Only cancellation escapes as an exception.
/// </para>
/// </summary>
public static class ProjectBuilder
{
    public static ProjectBuildResult Build(ProjectBuildRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        try
        {
            return BuildCore(request, clock, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The stages below report what they can place; this is the rest (a bug outside any one function).
            return new ProjectBuildResult([InternalErrors.InBuild(e)], 0, 0, 0, 0, clock.ElapsedMilliseconds);
        }
    }

    private static ProjectBuildResult BuildCore(ProjectBuildRequest request, Stopwatch clock, CancellationToken ct)
    {
        var stages = new StageClock();
        var diagnostics = new List<Diagnostic>();
        if (!TryCreateIsa(request, diagnostics, out var isa)) return new(diagnostics, 0, 0, 0, 0, clock.ElapsedMilliseconds);

        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = request.MaxDegreeOfParallelism > 0 ? request.MaxDegreeOfParallelism : Environment.ProcessorCount };
        var compiler = new ParallelModuleCompiler(isa, request.Cache, options.MaxDegreeOfParallelism) { VerifyCacheHits = request.VerifyCacheHits };
        var manifestId = BuildManifest.IdFor(request.ProjectName, compiler.KeyContext);
        var (manifest, manifestBytes) = LoadManifest(request.Cache, manifestId, diagnostics);
        stages.Mark("manifest");
        if (HasErrors(diagnostics)) return new(diagnostics, 0, 0, 0, 0, clock.ElapsedMilliseconds);
        // Verify mode trusts nothing remembered: it reads every source and checks the manifest against it instead.
        var trusted = request.VerifyCacheHits ? null : manifest;
        var paths = SourceLoader.NormalizePaths(request.Sources);
        var files = SourceFile.ReadAll(paths, diagnostics, options, trusted, request.SourceSettleMargin);
        stages.Mark("read sources");

        // Sources' set and target lines are checked against the request's settings, never merged into them: the manifest
        // and every key were chosen above from the request alone.
        var settings = new SourceSettingsCheck(isa.Triple, isa.Flags, request.SettingsOrigin);
        var attempt = BuildFrom(files, trusted, compiler, settings, request, options, stages, ct);
        if (attempt.StaleManifest is { } stale)
        {
            diagnostics.Add(Diagnostic.Warning(BuildDiagnosticCodes.CacheWarning,
                $"the build manifest does not match the sources it remembers ({stale.Describe()}); every source was read again"));
            // Only files taken on the manifest's word need reading now; the bytes of the others are in hand.
            var readDiagnostics = new List<Diagnostic>();
            if (files.Any(f => f is { Unread: true })) files = SourceFile.ReadAll(paths, readDiagnostics, options, null, request.SourceSettleMargin);
            attempt = BuildFrom(files, null, compiler, settings, request, options, stages, ct);
            // A file gone since the first read is an error like any unreadable source; one that failed both times is reported once.
            attempt.Diagnostics.InsertRange(0, readDiagnostics.Where(d => !diagnostics.Contains(d)));
        }
        diagnostics.AddRange(attempt.Diagnostics);
        if (request.VerifyCacheHits && manifest is not null && attempt.Learned is { } learned)
            diagnostics.AddRange(ManifestCheck.Compare(manifest, learned));

        var result = new ProjectBuildResult(diagnostics, attempt.Stats.Functions, attempt.Stats.Cached, attempt.Stats.Compiled, attempt.Stats.Deduplicated, 0)
        {
            ObjectWritten = attempt.ObjectWritten,
            SourcesParsed = attempt.Parsed,
            SourcesRemembered = attempt.Loaded.FilesRemembered,
            SourcesUnread = files.Count(f => f is { Unread: true }),
            ChunksParsed = attempt.Loaded.ChunksParsed,
            ChunksRemembered = attempt.Loaded.ChunksRemembered,
            ChunksShared = attempt.Loaded.ChunksShared,
        };
        if (result.Succeeded && attempt.Learned is { } next)
        {
            bool nothingNew = attempt.Loaded.FilesRemembered == next.Sources.Count && LeadsWith(manifest, next);
            if (!nothingNew) StoreManifest(request.Cache, manifestId, manifest, manifestBytes, next, diagnostics);
        }
        stages.Mark("remember");
        return result with { ElapsedMs = clock.ElapsedMilliseconds, Stages = stages.Stages };
    }

    private sealed record Attempt(List<Diagnostic> Diagnostics, ModuleCompileStats Stats, bool ObjectWritten, BuildManifest? Learned)
    {
        /// <summary>A function taken on the manifest's word did not match it: build again without the manifest.</summary>
        public StaleManifestException? StaleManifest { get; init; }
        public int Parsed { get; init; }
        public SourceLoadCounts Loaded { get; init; }
    }

    private static Attempt BuildFrom(SourceFile?[] files, BuildManifest? manifest, ParallelModuleCompiler compiler, SourceSettingsCheck settings,
        ProjectBuildRequest request, ParallelOptions options, StageClock stages, CancellationToken ct)
    {
        var diagnostics = new List<Diagnostic>();
        var functions = SourceLoader.Load(files, manifest, compiler.KeyContext, settings, diagnostics, options, out var loaded);
        stages.Mark("parse and verify");
        var attempt = Run(files, functions, compiler, request, diagnostics, stages, ct);
        return attempt with { Parsed = files.Count(f => f is not null) - loaded.FilesRemembered, Loaded = loaded };
    }

    private static Attempt Run(SourceFile?[] files, List<SourceFunction> functions, ParallelModuleCompiler compiler, ProjectBuildRequest request,
        List<Diagnostic> diagnostics, StageClock stages, CancellationToken ct)
    {
        var loadedStats = new ModuleCompileStats(functions.Count, 0, 0, 0);
        if (HasErrors(diagnostics)) return new(diagnostics, loadedStats, false, null);

        var compiled = compiler.Compile(functions.Select(f => f.Module).ToArray(), ct, stages);
        if (compiled.StaleManifest is { } stale) return new(diagnostics, loadedStats, false, null) { StaleManifest = stale };
        diagnostics.AddRange(compiled.Diagnostics);
        if (HasErrors(diagnostics)) return new(diagnostics, compiled.Stats, false, null);

        var finals = new CompiledCode[functions.Count];
        for (int i = 0; i < finals.Length; i++)
        {
            try { finals[i] = Finalizer.Finalize(compiled.Code[i]!, functions[i].Module.Params); }
            catch (Exception e) { diagnostics.Add(InternalErrors.InFunction(e, functions[i].Module)); }
        }
        stages.Mark("finalize");
        if (HasErrors(diagnostics)) return new(diagnostics, compiled.Stats, false, null);
        var bytes = ObjectAssembler.Assemble(finals, diagnostics, TargetTriple.Parse(request.Triple));
        stages.Mark("assemble object");
        if (bytes is null) return new(diagnostics, compiled.Stats, false, null);
        try
        {
            ObjectFileWriter.WriteAtomically(request.ObjectPath, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(BuildDiagnosticCodes.ObjectWrite, $"cannot write the object file: {e.Message}", request.ObjectPath));
            return new(diagnostics, compiled.Stats, false, null);
        }
        stages.Mark("write object");
        return new(diagnostics, compiled.Stats, true, Learn(files, functions, compiled.Keys));
    }

    /// <summary>What this build knows about every file it read, for the next build.</summary>
    private static BuildManifest Learn(SourceFile?[] files, List<SourceFunction> functions, CacheKey[] keys)
    {
        var byFile = new List<ManifestFunction>[files.Length];
        for (int i = 0; i < functions.Count; i++)
        {
            var f = functions[i];
            (byFile[f.FileIndex] ??= []).Add(new ManifestFunction(f.Module.ChunkDigest, keys[i], f.Module.Line, f.Module.Column, f.Module.Params));
        }
        var sources = new List<ManifestSource>(files.Length);
        for (int i = 0; i < files.Length; i++)
            if (files[i] is { } file) sources.Add(new ManifestSource(file.Path, file.Digest, byFile[i] ?? []) { Stat = file.Stat });
        return new BuildManifest(sources);
    }

    private static (BuildManifest?, byte[]?) LoadManifest(ICacheStore? cache, CacheKey id, List<Diagnostic> diagnostics)
    {
        if (cache is null) return (null, null);
        try
        {
            return cache.TryGetManifest(id, out var bytes) && BuildManifestCodec.TryDecode(bytes, out var manifest) ? (manifest, bytes) : (null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store warns and misses for problems with its storage; what escapes it is a bug.
            diagnostics.Add(InternalErrors.InCache(e));
            return (null, null);
        }
    }

    /// <summary>
    /// Whether <paramref name="previous"/> starts with exactly <paramref name="next"/>'s files, in order. When every file
    /// was remembered whole as well, merging would give back <paramref name="previous"/> itself: nothing to store.
    /// </summary>
    private static bool LeadsWith(BuildManifest? previous, BuildManifest next)
    {
        if (previous is null || previous.Sources.Count < next.Sources.Count) return false;
        for (int i = 0; i < next.Sources.Count; i++)
        {
            var (p, n) = (previous.Sources[i], next.Sources[i]);
            if (p.Path != n.Path || p.Digest != n.Digest || p.Stat != n.Stat) return false;
        }
        return true;
    }

    private static void StoreManifest(ICacheStore? cache, CacheKey id, BuildManifest? previous, byte[]? previousBytes, BuildManifest next,
        List<Diagnostic> diagnostics)
    {
        if (cache is null) return;
        // Twice this build's files plus a few: room for an older version of each without letting the manifest grow unbounded.
        next = BuildManifest.Merge(next, previous, 2 * next.Sources.Count + 8);
        var bytes = BuildManifestCodec.Encode(next);
        if (previousBytes is not null && bytes.AsSpan().SequenceEqual(previousBytes)) return;
        try
        {
            cache.SetManifest(id, bytes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            diagnostics.Add(InternalErrors.InCache(e));
        }
    }

    private static bool HasErrors(List<Diagnostic> diagnostics) => diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

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
        // A wasm function may return more values than the ABI has registers for; CLIF functions are unaffected (for them
        // the flag only turns an error into a return area), so a project with modules builds everything with it.
        if (request.Sources.Any(WasmSource.IsWasmPath)) flags = flags with { EnableMultiRetImplicitSret = true };
        if (!IsaRegistry.TryLookup(triple, flags, out isa, out var d))
        {
            diagnostics.Add(d!);
            return false;
        }
        return true;
    }
}
