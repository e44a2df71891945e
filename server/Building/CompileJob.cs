using Stencil.Engine.Building;
using Stencil.Engine.Linking;
using Stencil.Isa;
using Stencil.RemoteCache;

namespace Stencil.Server.Building;

/// <summary>
/// One <c>StencilCompile</c> run, wherever it happens (the task's process or the compiler server): open the cache, build
/// the object, report, commit, link. Everything it has to say goes to a <see cref="BuildLog"/>; everything the user can
/// get wrong is an STNxxxx error or warning, never a stack trace.
/// </summary>
public static class CompileJob
{
    public static CompileOutcome Run(CompileRequest request, BuildLog log, CancellationToken cancellation)
    {
        var clock = new StageClock();
        try
        {
            var succeeded = RunCore(request, log, clock, cancellation, out var summary);
            return new CompileOutcome(succeeded, summary, clock.Stages);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            log.Error(BuildDiagnosticCodes.Internal, "Stencil failed unexpectedly: " + ExceptionText.Describe(ex));
            log.Message($"{BuildDiagnosticCodes.Internal} details: {ex}", LogImportance.Low);
            return new CompileOutcome(false, null, clock.Stages);
        }
    }

    private static bool RunCore(CompileRequest request, BuildLog log, StageClock clock, CancellationToken cancellation, out string? summary)
    {
        summary = null;
        var started = DateTime.UtcNow;
        using var cache = request.CacheFile is { } cacheFile
            ? BuildCacheSession.Open(cacheFile, request.CacheLockTimeout, request.CacheMaxBytes, ResolveRemoteCache(request, log), log)
            : null;
        clock.Mark("open cache");
        // A bug met while opening the cache (never a problem with its file: that is a warning) ends the build here.
        if (log.HasLoggedErrors) return false;
        var build = new ProjectBuildRequest(request.ProjectName, request.Sources, request.ObjectFile)
        {
            Triple = string.IsNullOrWhiteSpace(request.Triple) ? TargetTriple.DefaultName : request.Triple,
            Settings = [.. request.Settings.Select(s => s.Trim()).Where(s => s.Length > 0)],
            SettingsOrigin = "the project (StencilOptLevel/StencilSettings)",
            Cache = cache?.Store,
            MaxDegreeOfParallelism = request.Parallel ? Environment.ProcessorCount : 1,
            VerifyCacheHits = request.VerifyCacheHits,
        };
        var result = ProjectBuilder.Build(build, cancellation);
        clock.Mark("build");
        result = cache?.Describe(result) ?? result;
        DiagnosticLog.Report(log, result.Diagnostics);
        cache?.Commit(request.ProjectName, started, result);
        clock.Mark("commit");
        if (cache?.RemoteReport is { } remoteReport)
            log.Message(remoteReport);

        if (!result.Succeeded || log.HasLoggedErrors)
        {
            if (!log.HasLoggedErrors)
                log.Error(BuildDiagnosticCodes.Internal, $"Stencil did not produce '{request.ObjectFile}'.");
            return false;
        }

        summary = result.FormatSummary(request.ProjectName);
        log.Message(summary);

        var linked = request.SharedLibrary is not { } library || Link(request.ObjectFile, library, TargetTriple.Parse(build.Triple), log);
        clock.Mark("link");
        return linked && !log.HasLoggedErrors;
    }

    /// <summary>The remote cache to use, if any; an address that does not parse is a remote problem (a warning), not a failed build.</summary>
    private static RemoteCacheSettings? ResolveRemoteCache(CompileRequest request, BuildLog log)
    {
        // The address was resolved by the task (property, else its environment); this process's environment must not count.
        if (string.IsNullOrWhiteSpace(request.RemoteCache)) return null;
        if (RemoteCacheSettings.TryResolve(request.RemoteCache, request.RemoteCacheMode, out var settings, out var error))
            return settings;
        if (error is not null)
            log.Warning(BuildDiagnosticCodes.RemoteCacheWarning,
                $"The Stencil remote cache address is not valid ({error}); building with the local cache alone.");
        return null;
    }

    /// <summary>Links the shared library with the target's linker: the host's, or its cross gcc. Without a cross linker
    /// the object alone is the product (STN4013, a warning): a cross build must not fail for a missing optional tool.</summary>
    private static bool Link(string objectPath, string sharedLibraryPath, TargetTriple triple, BuildLog log)
    {
        if (!SystemLinker.IsHost(triple) && SystemLinker.FindCompilerDriver(triple) is null)
        {
            log.Warning(BuildDiagnosticCodes.CrossLinkerMissing,
                $"No linker for {triple}: `{SystemLinker.CrossDriverName(triple)}` is not on PATH, so '{sharedLibraryPath}' was not linked; " +
                $"the object '{objectPath}' was built. Install the cross toolchain (gcc-{SystemLinker.CrossDriverName(triple)[..^4]}) to link it.");
            return true;
        }
        try
        {
            var directory = Path.GetDirectoryName(sharedLibraryPath);
            if (!string.IsNullOrEmpty(directory))
                Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Error(BuildDiagnosticCodes.LinkFailed, $"Cannot create the folder for '{sharedLibraryPath}': {ex.Message}", objectPath);
            return false;
        }

        if (SystemLinker.TryLinkSharedLibrary(objectPath, sharedLibraryPath, triple, out var linkerOutput))
        {
            log.Message($"Stencil: linked {sharedLibraryPath}", LogImportance.Low);
            return true;
        }

        log.Error(BuildDiagnosticCodes.LinkFailed, $"Linking '{sharedLibraryPath}' failed: {linkerOutput.Trim()}", objectPath);
        return false;
    }
}
