using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Build.Framework;
using Stencil.CacheDb;
using Stencil.Engine.Building;
using Stencil.Engine.Linking;
using Stencil.Isa;
using Stencil.RemoteCache;

namespace Stencil.Build;

/// <summary>
/// Compiles a project's .clif sources into one native object, reusing cached machine code for every
/// function stencil seen before, then links the object into a shared library with the system linker.
/// Everything the user can get wrong is reported as an STNxxxx error or warning, never as a stack trace.
/// </summary>
public sealed class StencilCompile : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _cancellation = new();
    private TimeSpan _lockTimeout = DefaultLockTimeout;
    private long? _maxBytes;
    private Stencil.RemoteCache.RemoteCacheMode _remoteMode;

    [Required] public ITaskItem[] Sources { get; set; } = [];
    [Required] public string ProjectName { get; set; } = "";
    [Required] public string ObjectFile { get; set; } = "";
    public string? CacheFile { get; set; }
    public string? Triple { get; set; }
    /// <summary>Code generator settings as <c>name=value</c> (<c>opt_level=speed</c>, ...); an unknown one is error STN4004.</summary>
    public string[] Settings { get; set; } = [];
    public bool EnableCache { get; set; } = true;
    public string? SharedLibrary { get; set; }
    public bool LinkSharedLibrary { get; set; } = true;
    public bool Parallel { get; set; } = true;
    public bool VerifyCacheHits { get; set; }
    /// <summary>Milliseconds to wait for another build holding the cache before building without it; empty for the default.</summary>
    public string? CacheLockTimeout { get; set; }
    /// <summary>Largest total of cached code, in bytes or with a KB/MB/GB suffix; empty for no limit.</summary>
    public string? CacheMaxSize { get; set; }

    /// <summary>
    /// The remote cache behind the local one: <c>redis://</c>, <c>rediss://</c> or a StackExchange.Redis configuration
    /// string; when empty, the <c>STENCIL_REMOTE_CACHE</c> environment variable (read here, so a password in it never
    /// passes through MSBuild's property log).
    /// </summary>
    public string? RemoteCache { get; set; }
    /// <summary><c>ReadWrite</c> (empty), <c>ReadOnly</c> or <c>Off</c>.</summary>
    public string? RemoteCacheMode { get; set; }

    /// <summary>The one-line summary of the build, for targets that want to surface it elsewhere.</summary>
    [Output] public string? Summary { get; private set; }

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        try
        {
            return ExecuteCore();
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            Log.LogError(null, BuildDiagnosticCodes.Canceled, null, null, 0, 0, 0, 0, "{0}", "Stencil compilation was canceled.");
            return false;
        }
        catch (Exception ex)
        {
            // The task boundary: whatever went wrong (including a dependency that failed to load) becomes
            // one readable error instead of an MSBuild crash report with a stack trace.
            Log.LogError(null, BuildDiagnosticCodes.Internal, null, null, 0, 0, 0, 0, "Stencil failed unexpectedly: {0}", ExceptionText.Describe(ex));
            Log.LogMessage(MessageImportance.Low, "{0}", $"{BuildDiagnosticCodes.Internal} details: {ex}");
            return false;
        }
    }

    // Kept out of Execute so that a missing dependency assembly surfaces while JIT-compiling this method,
    // inside Execute's try block, rather than before it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ExecuteCore()
    {
        if (!ValidateParameters())
            return false;

        var objectPath = Path.GetFullPath(ObjectFile);
        var sources = SourceOrder.Normalize(Sources);
        var started = DateTime.UtcNow;

        using var cache = EnableCache ? BuildCacheSession.Open(CacheFile!, _lockTimeout, _maxBytes, ResolveRemoteCache(), Log) : null;
        // A bug met while opening the cache (never a problem with its file: that is a warning) ends the build here.
        if (Log.HasLoggedErrors) return false;
        var request = new ProjectBuildRequest(ProjectName, sources, objectPath)
        {
            Triple = string.IsNullOrWhiteSpace(Triple) ? TargetTriple.DefaultName : Triple,
            Settings = [.. Settings.Select(s => s.Trim()).Where(s => s.Length > 0)],
            SettingsOrigin = "the project (StencilOptLevel/StencilSettings)",
            Cache = cache?.Store,
            MaxDegreeOfParallelism = Parallel ? Environment.ProcessorCount : 1,
            VerifyCacheHits = VerifyCacheHits,
        };
        var result = ProjectBuilder.Build(request, _cancellation.Token);
        result = cache?.Describe(result) ?? result;
        DiagnosticReporter.Report(Log, result.Diagnostics);
        cache?.Commit(ProjectName, started, result);
        if (cache?.RemoteReport is { } remoteReport)
            Log.LogMessage(MessageImportance.Normal, "{0}", remoteReport);

        if (!result.Succeeded || Log.HasLoggedErrors)
        {
            if (!Log.HasLoggedErrors)
                Log.LogError(null, BuildDiagnosticCodes.Internal, null, null, 0, 0, 0, 0, "{0}", $"Stencil did not produce '{objectPath}'.");
            return false;
        }

        Summary = result.FormatSummary(ProjectName);
        Log.LogMessage(MessageImportance.Normal, "{0}", Summary);

        if (LinkSharedLibrary && !Link(objectPath, Path.GetFullPath(SharedLibrary!)))
            return false;
        return !Log.HasLoggedErrors;
    }

    private bool ValidateParameters()
    {
        if (EnableCache && string.IsNullOrWhiteSpace(CacheFile))
            Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}", "CacheFile is required when EnableCache is true (set StencilCacheFile or StencilEnableCache=false).");
        ReadCacheSettings();
        if (LinkSharedLibrary && string.IsNullOrWhiteSpace(SharedLibrary))
            Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}", "SharedLibrary is required when LinkSharedLibrary is true (set StencilSharedLibrary or StencilLinkSharedLibrary=false).");
        return !Log.HasLoggedErrors;
    }

    /// <summary>The shared-cache settings arrive as text from properties; a typo in one is an error, not a silent default.</summary>
    private void ReadCacheSettings()
    {
        if (!string.IsNullOrWhiteSpace(CacheLockTimeout))
        {
            if (int.TryParse(CacheLockTimeout.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
                _lockTimeout = TimeSpan.FromMilliseconds(milliseconds);
            else
                Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}",
                    $"StencilCacheLockTimeout '{CacheLockTimeout}' is not a number of milliseconds.");
        }
        if (!string.IsNullOrWhiteSpace(CacheMaxSize))
        {
            if (ByteSize.TryParse(CacheMaxSize, out var bytes))
                _maxBytes = bytes;
            else
                Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}",
                    $"StencilCacheMaxSize '{CacheMaxSize}' is not a size (a number of bytes, optionally followed by KB, MB or GB).");
        }
        if (!RemoteCacheModes.TryParse(RemoteCacheMode, out _remoteMode))
            Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}",
                $"StencilRemoteCacheMode '{RemoteCacheMode}' is not ReadWrite, ReadOnly or Off.");
    }

    /// <summary>The remote cache to use, if any; an address that does not parse is a remote problem (a warning), not a failed build.</summary>
    private RemoteCacheSettings? ResolveRemoteCache()
    {
        if (RemoteCacheSettings.TryResolve(RemoteCache, _remoteMode, out var settings, out var error))
            return settings;
        if (error is not null)
            Log.LogWarning(null, BuildDiagnosticCodes.RemoteCacheWarning, null, null, 0, 0, 0, 0, "{0}",
                $"The Stencil remote cache address is not valid ({error}); building with the local cache alone.");
        return null;
    }

    private bool Link(string objectPath, string sharedLibraryPath)
    {
        try
        {
            var directory = Path.GetDirectoryName(sharedLibraryPath);
            if (!string.IsNullOrEmpty(directory))
                Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, BuildDiagnosticCodes.LinkFailed, null, objectPath, 0, 0, 0, 0, "{0}",
                $"Cannot create the folder for '{sharedLibraryPath}': {ex.Message}");
            return false;
        }

        if (SystemLinker.TryLinkSharedLibrary(objectPath, sharedLibraryPath, out var linkerOutput))
        {
            Log.LogMessage(MessageImportance.Low, "{0}", $"Stencil: linked {sharedLibraryPath}");
            return true;
        }

        Log.LogError(null, BuildDiagnosticCodes.LinkFailed, null, objectPath, 0, 0, 0, 0, "{0}",
            $"Linking '{sharedLibraryPath}' failed: {linkerOutput.Trim()}");
        return false;
    }
}
